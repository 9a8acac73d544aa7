package dev.aisle.server.experiment;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which recommendation each visitor reached each product from, in their current session: what a
 * later cart or purchase of the product is credited to. A visitor's session ends at a pause
 * longer than the gap (as live sessions and ingest cut them), and with it what it remembered. At
 * most {@code maxVisitors} visitors are held, the least recently active dropped first.
 *
 * <pre>
 * SessionCredits&lt;String&gt; credits = new SessionCredits&lt;&gt;(1_800_000, 100_000);
 * credits.credit("v1", "P7", "hybrid", now);   // clicked P7 in a hybrid list
 * credits.seen("v1", now + 60_000);            // any later event of the visitor
 * credits.creditOf("v1", "P7");                // "hybrid"; null after a 30-minute pause
 * </pre>
 *
 * <p>Not thread-safe: {@link Experiments} holds its lock.
 *
 * @param <C> what a product is credited to
 */
final class SessionCredits<C> {
  private static final class Session<C> {
    long last;
    final Map<String, C> byProduct = new HashMap<>();
  }

  private final long gapMillis;
  private final LinkedHashMap<String, Session<C>> sessions;

  SessionCredits(long gapMillis, int maxVisitors) {
    this.gapMillis = gapMillis;
    this.sessions = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Session<C>> eldest) {
        return size() > maxVisitors;
      }
    };
  }

  /** An event of the visitor at {@code millis}: after a pause longer than the gap, forgets. */
  void seen(String visitor, long millis) {
    Session<C> s = sessions.get(visitor);
    if (s != null) {
      advance(s, millis);
    }
  }

  /** The visitor reached {@code product} from a list credited to {@code credit}. */
  void credit(String visitor, String product, C credit, long millis) {
    Session<C> s = sessions.computeIfAbsent(visitor, v -> new Session<>());
    advance(s, millis);
    s.byProduct.put(product, credit);
  }

  /** What the visitor reached the product from in this session, or null. */
  C creditOf(String visitor, String product) {
    Session<C> s = sessions.get(visitor);
    return s == null ? null : s.byProduct.get(product);
  }

  private void advance(Session<C> s, long millis) {
    if (millis - s.last > gapMillis) {
      s.byProduct.clear();
    }
    s.last = Math.max(s.last, millis);
  }
}
