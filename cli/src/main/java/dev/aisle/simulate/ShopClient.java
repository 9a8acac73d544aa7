package dev.aisle.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The calls a simulated shopper makes to an Aisle server, as a storefront would: related
 * products for the visitor, and events (views, clicks with the list's {@code recommendationId},
 * carts, purchases). A non-2xx answer is an {@link IllegalStateException} with the server's
 * message.
 *
 * <p>Thread-safe.
 */
public final class ShopClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String apiKey;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param base the server, e.g. {@code http://127.0.0.1:8080/}
   * @param apiKey the key events and admin requests need, or null
   */
  public ShopClient(URI base, String apiKey) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.apiKey = apiKey;
  }

  /** {@code GET /api/products/{id}/related} for the visitor, in the experiment (null: default). */
  public JsonNode related(String product, String visitor, String experiment, int k) {
    String q = "api/products/" + encode(product) + "/related?k=" + k + "&visitor="
        + encode(visitor) + (experiment == null ? "" : "&experiment=" + encode(experiment));
    return send(HttpRequest.newBuilder(base.resolve(q)).GET());
  }

  /** Posts one event; {@code from} is the list's id for a click, else null. */
  public JsonNode event(String visitor, String product, String type, String from) {
    ObjectNode e = JSON.createObjectNode().put("customer", visitor).put("product", product)
        .put("type", type);
    if (from != null) {
      e.put("from", from);
    }
    return post("api/events", e);
  }

  /** Starts an experiment ({@code POST /api/admin/experiments}). */
  public JsonNode startExperiment(String name, String definition) {
    return post("api/admin/experiments", JSON.createObjectNode().put("name", name)
        .put("definition", definition));
  }

  /** {@code GET /api/experiments}. */
  public JsonNode experiments() {
    return send(HttpRequest.newBuilder(base.resolve("api/experiments")).GET());
  }

  /** {@code GET /api/experiments/{name}}. */
  public JsonNode experiment(String name) {
    return send(HttpRequest.newBuilder(base.resolve("api/experiments/" + encode(name))).GET());
  }

  /** Ends an experiment ({@code POST /api/admin/experiments/{name}/end}). */
  public JsonNode endExperiment(String name) {
    return post("api/admin/experiments/" + encode(name) + "/end", JSON.createObjectNode());
  }

  private JsonNode post(String path, ObjectNode body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (apiKey != null) {
      b.header("X-API-Key", apiKey);
    }
    return send(b);
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
    try {
      HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 != 2) {
        throw new IllegalStateException(r.method() + " " + r.uri() + " answered "
            + answer.statusCode() + ": " + answer.body());
      }
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + r.uri() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
