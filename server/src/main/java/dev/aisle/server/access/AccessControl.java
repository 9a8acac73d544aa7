package dev.aisle.server.access;

import dev.aisle.server.request.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may call what: the API key that events and admin requests must carry once one is set
 * (compared in constant time), and the browser origins allowed to call the API (CORS).
 *
 * <pre>
 * AccessControl access = new AccessControl("secret", List.of("https://shop.example"));
 * access.requireKey(request.header("X-API-Key"), request.header("Authorization"));
 * access.corsHeaders(request.header("Origin")).forEach(response::header);
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessControl {
  private final byte[] apiKey;
  private final List<String> corsOrigins;

  /**
   * @param apiKey the key writes must carry, or null for none
   * @param corsOrigins origins allowed to call from a browser, {@code *} for any
   */
  public AccessControl(String apiKey, List<String> corsOrigins) {
    this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    this.corsOrigins = List.copyOf(corsOrigins);
  }

  /**
   * Refuses a request without the key, when one is set.
   *
   * @param xApiKey the {@code X-API-Key} header, or null
   * @param authorization the {@code Authorization} header ({@code Bearer KEY}), or null
   * @throws ApiException 401 naming the {@code X-API-Key} header
   */
  public void requireKey(String xApiKey, String authorization) {
    if (apiKey == null) {
      return;
    }
    String given = xApiKey;
    if (given == null && authorization != null && authorization.startsWith("Bearer ")) {
      given = authorization.substring("Bearer ".length());
    }
    if (given == null
        || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), apiKey)) {
      throw new ApiException(401, "X-API-Key", "this endpoint needs the API key in the "
          + "X-API-Key header");
    }
  }

  /** The CORS headers to answer a request from {@code origin} with; none for another origin. */
  public Map<String, String> corsHeaders(String origin) {
    boolean any = corsOrigins.contains("*");
    if (origin == null || !(any || corsOrigins.contains(origin))) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Access-Control-Allow-Origin", any ? "*" : origin);
    headers.put("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    headers.put("Access-Control-Allow-Headers", "Content-Type, X-API-Key, Authorization");
    headers.put("Vary", "Origin");
    return headers;
  }
}
