package dev.aisle.server.live;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The current browse session of each customer, built from posted events with the same rule as
 * ingest: a pause longer than the gap starts a new session. Memory is bounded: at most {@code
 * maxCustomers} customers (least recently active dropped first), at most {@code maxEvents} events
 * a session (oldest dropped), and sessions idle for longer than the gap expire. Every session that
 * ends (a pause longer than the gap, expiry, or dropped for memory) is handed to {@code ended}:
 * the fresh index takes it in.
 *
 * <p>Thread-safe.
 */
public final class LiveSessions {
  private final long gapMillis;
  private final int maxCustomers;
  private final int maxEvents;
  private final LinkedHashMap<String, Session> sessions;
  private final BiConsumer<List<String>, Long> ended;

  private static final class Session {
    final ArrayDeque<String> products = new ArrayDeque<>();
    long last;
  }

  /**
   * @param gap the pause that starts a new session
   * @param maxCustomers customers held at most, the least recently active dropped first
   * @param maxEvents events held a session at most, the oldest dropped first
   * @param ended receives each session that ends: its products and the time of its last event
   */
  public LiveSessions(Duration gap, int maxCustomers, int maxEvents,
      BiConsumer<List<String>, Long> ended) {
    this.ended = ended;
    this.gapMillis = gap.toMillis();
    this.maxCustomers = maxCustomers;
    this.maxEvents = maxEvents;
    this.sessions = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
        if (size() > LiveSessions.this.maxCustomers) {
          end(eldest.getValue());
          return true;
        }
        return false;
      }
    };
  }

  /** Adds one view; an event older than the session's last one is placed as if it were now. */
  public synchronized void add(String customer, String product, long millis) {
    Session s = sessions.get(customer);
    if (s == null || millis - s.last > gapMillis) {
      if (s != null) {
        end(s);
      }
      s = new Session();
      sessions.put(customer, s);
    }
    s.products.addLast(product);
    if (s.products.size() > maxEvents) {
      s.products.removeFirst();
    }
    s.last = Math.max(s.last, millis);
  }

  /** The customer's current session, oldest first; empty when none or expired at {@code now}. */
  public synchronized List<String> session(String customer, long now) {
    Session s = sessions.get(customer);
    if (s == null || now - s.last > gapMillis) {
      return List.of();
    }
    return new ArrayList<>(s.products);
  }

  /** Drops sessions idle for longer than the gap; returns how many. */
  public synchronized int expire(long now) {
    int n = 0;
    for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
      Session s = it.next();
      if (now - s.last > gapMillis) {
        end(s);
        it.remove();
        n++;
      }
    }
    return n;
  }

  /** Customers with a session held. */
  private void end(Session s) {
    ended.accept(new ArrayList<>(s.products), s.last);
  }

  public synchronized int size() {
    return sessions.size();
  }
}
