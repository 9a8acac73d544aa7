package dev.aisle.server.access;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client address: each holds up to {@code burst} tokens, refilled at {@code
 * perSecond}; a request takes one or is refused. At most {@value #MAX_CLIENTS} addresses are
 * held, the least recently seen dropped first (a dropped client starts with a full bucket).
 *
 * <pre>
 * RateLimiter limit = new RateLimiter(20, 100);
 * if (!limit.tryAcquire("203.0.113.7", System.nanoTime())) { ... 429 ... }
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class RateLimiter {
  static final int MAX_CLIENTS = 10_000;

  private final double perNano;
  private final double burst;
  private final LinkedHashMap<String, double[]> buckets =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  /**
   * @param perSecond tokens added a second, > 0
   * @param burst tokens held at most, >= 1
   */
  public RateLimiter(double perSecond, int burst) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0 a second, was " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be >= 1, was " + burst);
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
  }

  /** Takes one token of {@code client}'s bucket at {@code nanos}; false when it is empty. */
  public synchronized boolean tryAcquire(String client, long nanos) {
    double[] b = buckets.computeIfAbsent(client, c -> new double[] {burst, nanos});
    b[0] = Math.min(burst, b[0] + (nanos - b[1]) * perNano);
    b[1] = nanos;
    if (b[0] < 1) {
      return false;
    }
    b[0] -= 1;
    return true;
  }
}
