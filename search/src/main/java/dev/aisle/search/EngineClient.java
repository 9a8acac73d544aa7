package dev.aisle.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JSON over HTTP to the nodes of one search engine cluster. Requests go to the nodes in turn; a
 * node that cannot be reached is skipped and the next one asked, so one node down does not fail
 * a request. An answer with an error status is final (another node would say the same) and
 * becomes a {@link SearchEngineException} carrying the engine's own reason.
 *
 * <p>Thread-safe.
 */
public final class EngineClient {
  /** Shared JSON codec. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private final SearchUri uri;
  private final HttpClient http;
  private final String authorization;
  private final Duration timeout;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * @param timeout how long one request may take before the next node is asked
   */
  public EngineClient(SearchUri uri, Duration timeout) {
    this.uri = uri;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    this.authorization = uri.credentials() == null ? null : "Basic " + Base64.getEncoder()
        .encodeToString(uri.credentials().getBytes(StandardCharsets.UTF_8));
  }

  public SearchUri uri() {
    return uri;
  }

  /** GET {@code path} (relative to a node's base URL, starting with /). */
  public JsonNode get(String path) {
    return send("GET", path, null, null);
  }

  /**
   * GET of a document: a 404 without an error object (OpenSearch's {@code "found": false}) is an
   * answer, not a failure; a 404 with one (no such index) still fails.
   */
  public JsonNode getFound(String path) {
    Response r = exchange("GET", path, null, null);
    if (r.status == 404 && !r.body.has("error")) {
      return r.body;
    }
    if (r.status / 100 != 2) {
      throw new SearchEngineException(r.status, uri + ": GET " + path + " failed with HTTP "
          + r.status + ": " + reason(r.body));
    }
    return r.body;
  }

  /** POSTs a JSON body. */
  public JsonNode post(String path, Object json) {
    return send("POST", path, encode(json), "application/json");
  }

  /** Sends {@code body} of {@code contentType} with {@code method}. */
  public JsonNode send(String method, String path, byte[] body, String contentType) {
    Response r = exchange(method, path, body, contentType);
    if (r.status / 100 != 2) {
      throw new SearchEngineException(r.status, uri + ": " + method + " " + path + " failed with "
          + "HTTP " + r.status + ": " + reason(r.body));
    }
    return r.body;
  }

  /** The status of a request, with no exception for an error status (for existence checks). */
  public int status(String method, String path) {
    return exchange(method, path, null, null).status;
  }

  private record Response(int status, JsonNode body) {}

  private Response exchange(String method, String path, byte[] body, String contentType) {
    List<URI> nodes = uri.nodes();
    int start = Math.floorMod(next.getAndIncrement(), nodes.size());
    IOException last = null;
    for (int i = 0; i < nodes.size(); i++) {
      URI node = nodes.get((start + i) % nodes.size());
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node + path)).timeout(timeout)
          .header("Accept", "application/json");
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      if (body != null) {
        b.header("Content-Type", contentType);
        b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      try {
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), parse(r.body()));
      } catch (IOException e) { // refused, timed out, reset: ask the next node
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SearchEngineException(0, uri + ": interrupted during " + method + " " + path, e);
      }
    }
    throw new SearchEngineException(0, uri + ": no node answered " + method + " " + path + " ("
        + last + "); is the " + uri.engine().scheme() + " cluster running at " + nodes + "?",
        last);
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(new String(body, 0, Math.min(body.length, 500),
          StandardCharsets.UTF_8));
    }
  }

  /** The engine's own reason in an error answer (Solr's error.msg, OpenSearch's error.reason). */
  static String reason(JsonNode body) {
    JsonNode error = body.path("error");
    if (error.isTextual()) {
      return error.asText();
    }
    if (error.has("msg")) {
      return error.get("msg").asText();
    }
    if (error.path("root_cause").path(0).has("reason")) {
      JsonNode root = error.get("root_cause").get(0);
      return root.path("type").asText() + ": " + root.get("reason").asText();
    }
    if (error.has("reason")) {
      return error.path("type").asText() + ": " + error.get("reason").asText();
    }
    String text = body.isTextual() ? body.asText() : body.toString();
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }

  /** JSON bytes of a value. */
  public static byte[] encode(Object json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a request", e);
    }
  }
}
