package dev.aisle.server.request;

/** The largest requests the server accepts; larger ones are refused with the limit named. */
public final class RequestLimits {
  /** Largest request body, in bytes. */
  public static final int MAX_BODY = 1 << 20;

  /** Most products a session may name. */
  public static final int MAX_SESSION = 500;

  /** Largest k. */
  public static final int MAX_K = 1000;

  /** Most events one request may post. */
  public static final int MAX_BATCH = 1000;

  /** Longest product or customer id, in characters. */
  public static final int MAX_ID = 256;

  /** Most product ids a request may exclude. */
  public static final int MAX_EXCLUDE = 10_000;

  private RequestLimits() {}
}
