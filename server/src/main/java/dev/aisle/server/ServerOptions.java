package dev.aisle.server;

import dev.aisle.server.models.ModelSource;
import dev.aisle.session.SessionSplitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run the server, made by a {@link Builder} that holds every default in one place:
 *
 * <pre>
 * ServerOptions options = ServerOptions.builder(List.of("shop.model"))
 *     .catalog(Path.of("shop/catalog.csv")).port(0).apiKey("secret").build();
 * </pre>
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
 * @param evaluation an {@code aisle evaluate --json} file whose metrics {@code /api/models} shows,
 *     or null
 */
public record ServerOptions(List<ModelSource> models, Path catalog, String host, int port,
    String apiKey, List<String> corsOrigins, Duration sessionGap, int annThreshold,
    int neighbourListMax, boolean watch, Path webRoot, Path evaluation) {

  /** Default of {@code host}: this machine only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default of {@code port}. */
  public static final int DEFAULT_PORT = 8080;

  /** Default of {@code sessionGap}, as in ingest. */
  public static final Duration DEFAULT_SESSION_GAP = SessionSplitter.DEFAULT_GAP;

  /** Default of {@code annThreshold}. */
  public static final int DEFAULT_ANN_THRESHOLD = 20_000;

  /** Default of {@code neighbourListMax}. */
  public static final int DEFAULT_NEIGHBOUR_LIST_MAX = 200_000;

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
    if (sessionGap.isNegative() || sessionGap.isZero()) {
      throw new IllegalArgumentException("session gap must be positive, was " + sessionGap);
    }
    models = List.copyOf(models);
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** Options for models given as {@code NAME=FILE} or {@code FILE}, everything else default. */
  public static Builder builder(List<String> models) {
    return new Builder(ModelSource.parse(models));
  }

  /** A builder holding these options, to change some. */
  public Builder toBuilder() {
    return new Builder(models).catalog(catalog).host(host).port(port).apiKey(apiKey)
        .corsOrigins(corsOrigins).sessionGap(sessionGap).annThreshold(annThreshold)
        .neighbourListMax(neighbourListMax).watch(watch).webRoot(webRoot).evaluation(evaluation);
  }

  /** Builds {@link ServerOptions}; every option not set keeps its default. Not thread-safe. */
  public static final class Builder {
    private final List<ModelSource> models;
    private Path catalog;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String apiKey;
    private List<String> corsOrigins = List.of();
    private Duration sessionGap = DEFAULT_SESSION_GAP;
    private int annThreshold = DEFAULT_ANN_THRESHOLD;
    private int neighbourListMax = DEFAULT_NEIGHBOUR_LIST_MAX;
    private boolean watch;
    private Path webRoot;
    private Path evaluation;

    private Builder(List<ModelSource> models) {
      this.models = models;
    }

    public Builder catalog(Path file) {
      this.catalog = file;
      return this;
    }

    public Builder host(String address) {
      this.host = address;
      return this;
    }

    public Builder port(int p) {
      this.port = p;
      return this;
    }

    /** The key writes must carry; null or empty for none. */
    public Builder apiKey(String key) {
      this.apiKey = key == null || key.isEmpty() ? null : key;
      return this;
    }

    public Builder corsOrigins(List<String> origins) {
      this.corsOrigins = origins;
      return this;
    }

    public Builder sessionGap(Duration gap) {
      this.sessionGap = gap;
      return this;
    }

    public Builder annThreshold(int products) {
      this.annThreshold = products;
      return this;
    }

    public Builder neighbourListMax(int products) {
      this.neighbourListMax = products;
      return this;
    }

    public Builder watch(boolean on) {
      this.watch = on;
      return this;
    }

    /** A built web app to serve at {@code /} instead of the one built into Aisle. */
    public Builder webRoot(Path dir) {
      this.webRoot = dir;
      return this;
    }

    /** An {@code aisle evaluate --json} report to serve. */
    public Builder evaluation(Path file) {
      this.evaluation = file;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming the option with a bad value
     */
    public ServerOptions build() {
      return new ServerOptions(models, catalog, host, port, apiKey, corsOrigins, sessionGap,
          annThreshold, neighbourListMax, watch, webRoot, evaluation);
    }
  }
}
