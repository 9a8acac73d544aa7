package dev.aisle.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run the server.
 *
 * @param models the models to serve, the first is the default
 * @param catalog the shop's catalog file (names, categories, prices, images), or null
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param apiKey the key events and admin requests must carry, or null for none
 * @param corsOrigins origins allowed to call the API from a browser ({@code *} for any)
 * @param sessionGap the pause that starts a new live session, as in ingest
 * @param annThreshold embedding models with at least this many products and no neighbour lists
 *     use HNSW
 * @param neighbourListMax embedding models with at most this many products get exact neighbour
 *     lists, computed at load ({@code n^2} work: about 10 s at 100k products on 2 cores)
 * @param watch reload the models when their files change
 * @param webRoot a built web app to serve at {@code /}, or null
 * @param evaluation an {@code aisle evaluate --json} file whose metrics {@code /api/models} shows
 */
public record ServerOptions(List<ModelRegistry.Source> models, Path catalog, String host,
    int port, String apiKey, List<String> corsOrigins, Duration sessionGap, int annThreshold,
    int neighbourListMax, boolean watch, Path webRoot, Path evaluation) {

  /** Largest request body accepted, in bytes. */
  public static final int MAX_BODY = 1 << 20;

  /** Most products a session may name. */
  public static final int MAX_SESSION = 500;

  /** Default of {@code neighbourListMax}. */
  public static final int DEFAULT_NEIGHBOUR_LIST_MAX = 200_000;

  /** Largest k. */
  public static final int MAX_K = 1000;

  public ServerOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, was " + port);
    }
    if (annThreshold < 1) {
      throw new IllegalArgumentException("ann threshold must be >= 1, was " + annThreshold);
    }
    if (neighbourListMax < 0) {
      throw new IllegalArgumentException("neighbour list max must be >= 0, was "
          + neighbourListMax);
    }
    models = List.copyOf(models);
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** Options for models given as {@code NAME=FILE} or {@code FILE}, everything else default. */
  public static ServerOptions of(List<String> models, Path catalog) {
    return new ServerOptions(ModelRegistry.parse(models), catalog, "127.0.0.1", 8080, null,
        List.of(), Duration.ofMinutes(30), 20_000, DEFAULT_NEIGHBOUR_LIST_MAX, false, null,
        null);
  }

  public ServerOptions withPort(int p) {
    return new ServerOptions(models, catalog, host, p, apiKey, corsOrigins, sessionGap,
        annThreshold, neighbourListMax, watch, webRoot, evaluation);
  }

  public ServerOptions withApiKey(String key) {
    return new ServerOptions(models, catalog, host, port, key, corsOrigins, sessionGap,
        annThreshold, neighbourListMax, watch, webRoot, evaluation);
  }

  public ServerOptions withNeighbourListMax(int max) {
    return new ServerOptions(models, catalog, host, port, apiKey, corsOrigins, sessionGap,
        annThreshold, max, watch, webRoot, evaluation);
  }

  public ServerOptions withHost(String h) {
    return new ServerOptions(models, catalog, h, port, apiKey, corsOrigins, sessionGap,
        annThreshold, neighbourListMax, watch, webRoot, evaluation);
  }

  /** The same options serving the built web app in {@code dir} at {@code /}. */
  public ServerOptions withWebRoot(Path dir) {
    return new ServerOptions(models, catalog, host, port, apiKey, corsOrigins, sessionGap,
        annThreshold, neighbourListMax, watch, dir, evaluation);
  }

  /** The same options with an {@code aisle evaluate --json} report to serve. */
  public ServerOptions withEvaluation(Path file) {
    return new ServerOptions(models, catalog, host, port, apiKey, corsOrigins, sessionGap,
        annThreshold, neighbourListMax, watch, webRoot, file);
  }
}
