package dev.aisle.session;

import dev.aisle.ingest.IngestReport;
import dev.aisle.ingest.SkipReason;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * Applies {@link CleaningOptions} to sessions, in the order session-rec uses: repeats, bots,
 * session length, product count, session length again. Every removed event and session is counted
 * in the {@link IngestReport} under its reason.
 */
public final class SessionCleaner {
  private final CleaningOptions options;
  private final IngestReport report;

  public SessionCleaner(CleaningOptions options, IngestReport report) {
    this.options = options;
    this.report = report;
  }

  /**
   * Cleans {@code sessions}.
   *
   * @param product the product ordinal of an event index
   * @param time the epoch-ms time of an event index
   * @param customer the customer ordinal of an event index, or -1 when unknown
   * @param productCount the number of product ordinals
   * @param customerCount the number of customer ordinals
   */
  public SessionList clean(SessionList sessions, IntUnaryOperator product,
      IntToLongFunction time, IntUnaryOperator customer, int productCount,
      int customerCount) {
    SessionList s = sessions;
    if (options.collapseRepeats()) {
      s = collapseRepeats(s, product);
    }
    if (options.botMaxSessionLength() > 0 || options.botMaxRate() > 0) {
      s = removeBots(s, time, customer, customerCount);
    }
    s = removeShort(s);
    if (options.minProductCount() > 1) {
      s = removeRare(s, product, productCount);
      s = removeShort(s);
    }
    return s == sessions ? s : sortByStart(s, time);
  }

  /** Removing a session's first events moves its start: restore the start-time order. */
  private static SessionList sortByStart(SessionList s, IntToLongFunction time) {
    long[] start = new long[s.count()];
    int[] order = new int[s.count()];
    for (int i = 0; i < s.count(); i++) {
      start[i] = time.applyAsLong(s.event(s.start(i)));
      order[i] = i;
    }
    TimeOrder.sort(order, 0, order.length, start, new int[order.length]);
    Builder out = new Builder(s);
    for (int i : order) {
      out.addSession(s, i);
    }
    return out.build();
  }

  private SessionList collapseRepeats(SessionList s, IntUnaryOperator product) {
    Builder out = new Builder(s);
    long removed = 0;
    for (int i = 0; i < s.count(); i++) {
      int last = -1;
      for (int j = s.start(i); j < s.end(i); j++) {
        int e = s.event(j);
        int p = product.applyAsInt(e);
        if (p == last) {
          removed++;
        } else {
          out.add(e);
        }
        last = p;
      }
      out.endSession();
    }
    report.removed(SkipReason.REPEAT_COLLAPSED, removed, 0);
    return out.build();
  }

  private SessionList removeBots(SessionList s, IntToLongFunction time,
      IntUnaryOperator customer, int customerCount) {
    boolean[] botCustomer = new boolean[customerCount];
    boolean[] botSession = new boolean[s.count()];
    for (int i = 0; i < s.count(); i++) {
      if (isBotLike(s, i, time)) {
        botSession[i] = true;
        int c = customer.applyAsInt(s.event(s.start(i)));
        if (c >= 0) {
          botCustomer[c] = true;
        }
      }
    }
    Builder out = new Builder(s);
    long events = 0;
    long sessions = 0;
    for (int i = 0; i < s.count(); i++) {
      int c = customer.applyAsInt(s.event(s.start(i)));
      if (botSession[i] || (c >= 0 && botCustomer[c])) {
        events += s.length(i);
        sessions++;
      } else {
        out.addSession(s, i);
      }
    }
    report.removed(SkipReason.BOT, events, sessions);
    return out.build();
  }

  private boolean isBotLike(SessionList s, int i, IntToLongFunction time) {
    int len = s.length(i);
    if (options.botMaxSessionLength() > 0 && len > options.botMaxSessionLength()) {
      return true;
    }
    if (options.botMaxRate() > 0 && len >= CleaningOptions.BOT_RATE_MIN_EVENTS) {
      long duration = time.applyAsLong(s.event(s.end(i) - 1)) - time.applyAsLong(s.event(s.start(i)));
      double minutes = Math.max(duration, 60_000L) / 60_000.0;
      return len / minutes > options.botMaxRate();
    }
    return false;
  }

  private SessionList removeShort(SessionList s) {
    int min = options.minSessionLength();
    if (min <= 1) {
      return s;
    }
    Builder out = new Builder(s);
    long events = 0;
    long sessions = 0;
    for (int i = 0; i < s.count(); i++) {
      if (s.length(i) < min) {
        events += s.length(i);
        sessions++;
      } else {
        out.addSession(s, i);
      }
    }
    report.removed(SkipReason.SHORT_SESSION, events, sessions);
    return out.build();
  }

  private SessionList removeRare(SessionList s, IntUnaryOperator product, int productCount) {
    int[] count = new int[productCount];
    for (int j = 0; j < s.eventCount(); j++) {
      count[product.applyAsInt(s.event(j))]++;
    }
    Builder out = new Builder(s);
    long events = 0;
    long sessions = 0;
    for (int i = 0; i < s.count(); i++) {
      int kept = 0;
      for (int j = s.start(i); j < s.end(i); j++) {
        int e = s.event(j);
        if (count[product.applyAsInt(e)] >= options.minProductCount()) {
          out.add(e);
          kept++;
        } else {
          events++;
        }
      }
      if (kept == 0) {
        sessions++;
      }
      out.endSession();
    }
    report.removed(SkipReason.RARE_PRODUCT, events, sessions);
    return out.build();
  }

  /** Collects kept events into a new list; empty sessions are dropped. */
  private static final class Builder {
    private final int[] events;
    private final int[] offsets;
    private int pos;
    private int sessions;
    private int sessionStart;

    Builder(SessionList capacity) {
      events = new int[capacity.eventCount()];
      offsets = new int[capacity.count() + 1];
    }

    void add(int event) {
      events[pos++] = event;
    }

    void endSession() {
      if (pos > sessionStart) {
        offsets[sessions++] = sessionStart;
        sessionStart = pos;
      }
    }

    void addSession(SessionList s, int i) {
      for (int j = s.start(i); j < s.end(i); j++) {
        events[pos++] = s.event(j);
      }
      endSession();
    }

    SessionList build() {
      offsets[sessions] = pos;
      return new SessionList(events, offsets, sessions);
    }
  }
}
