package dev.aisle.server.access;

import dev.aisle.server.request.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may call what: the API key that events and admin requests must carry once one is set
 * (compared in constant time), the browser origins allowed to call the API (CORS), and the
 * public collection key with which browsers post events without the API key.
 *
 * <pre>
 * AccessControl access = new AccessControl("secret", List.of("https://shop.example"));
 * access.requireKey(request.header("X-API-Key"), request.header("Authorization"));
 * access.corsHeaders(request.header("Origin")).forEach(response::header);
 * </pre>
 *
 * <p>The collection key is public by design: the storefront reads it from {@code GET
 * /api/config} and sends it as {@code X-Collect-Key}. It opens {@code POST /api/events} and
 * nothing else, and each client address may use it at most at the collection rate, so a script
 * that copies it can add events slowly but cannot reload models, start experiments or flood the
 * counts. The API key never reaches a browser.
 *
 * <p>Thread-safe.
 */
public final class AccessControl {
  private final byte[] apiKey;
  private final byte[] collectKey;
  private final RateLimiter collectLimit;
  private final List<String> corsOrigins;

  /**
   * Without a collection key.
   *
   * @param apiKey the key writes must carry, or null for none
   * @param corsOrigins origins allowed to call from a browser, {@code *} for any
   */
  public AccessControl(String apiKey, List<String> corsOrigins) {
    this(apiKey, null, null, corsOrigins);
  }

  /**
   * @param apiKey the key writes must carry, or null for none
   * @param collectKey the public key browsers post events with, or null for none
   * @param collectLimit how often each client address may post events with it
   * @param corsOrigins origins allowed to call from a browser, {@code *} for any
   */
  public AccessControl(String apiKey, String collectKey, RateLimiter collectLimit,
      List<String> corsOrigins) {
    this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    this.collectKey = collectKey == null ? null : collectKey.getBytes(StandardCharsets.UTF_8);
    this.collectLimit = collectLimit;
    if (collectKey != null && collectLimit == null) {
      throw new IllegalArgumentException("a collection key needs a rate limit");
    }
    this.corsOrigins = List.copyOf(corsOrigins);
  }

  /** The public collection key, or null. */
  public String collectKey() {
    return collectKey == null ? null : new String(collectKey, StandardCharsets.UTF_8);
  }

  /**
   * Refuses an event post that carries neither the API key (when one is set) nor the collection
   * key, and one with the collection key from a client over its rate.
   *
   * @param xCollectKey the {@code X-Collect-Key} header, or null
   * @param client the client's address
   * @throws ApiException 401 without a key, 429 over the rate
   */
  public void requireEventAccess(String xApiKey, String authorization, String xCollectKey,
      String client) {
    if (apiKey == null || hasKey(xApiKey, authorization)) {
      return;
    }
    if (collectKey != null && xCollectKey != null
        && MessageDigest.isEqual(xCollectKey.getBytes(StandardCharsets.UTF_8), collectKey)) {
      if (!collectLimit.tryAcquire(client, System.nanoTime())) {
        throw new ApiException(429, "X-Collect-Key", "too many event posts from " + client
            + " with the collection key; slow down or send the API key");
      }
      return;
    }
    throw new ApiException(401, "X-API-Key", "events need the API key in the X-API-Key header"
        + (collectKey == null ? "" : ", or the collection key of GET /api/config in the "
            + "X-Collect-Key header"));
  }

  private boolean hasKey(String xApiKey, String authorization) {
    String given = xApiKey;
    if (given == null && authorization != null && authorization.startsWith("Bearer ")) {
      given = authorization.substring("Bearer ".length());
    }
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), apiKey);
  }

  /**
   * Refuses a request without the key, when one is set.
   *
   * @param xApiKey the {@code X-API-Key} header, or null
   * @param authorization the {@code Authorization} header ({@code Bearer KEY}), or null
   * @throws ApiException 401 naming the {@code X-API-Key} header
   */
  public void requireKey(String xApiKey, String authorization) {
    if (apiKey != null && !hasKey(xApiKey, authorization)) {
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
    headers.put("Access-Control-Allow-Headers",
        "Content-Type, X-API-Key, X-Collect-Key, Authorization");
    headers.put("Vary", "Origin");
    return headers;
  }
}
