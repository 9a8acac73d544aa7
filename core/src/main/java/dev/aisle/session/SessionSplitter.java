package dev.aisle.session;

import java.time.Duration;
import java.util.Arrays;

/**
 * Groups events into sessions. Two rules, as shops and datasets record them:
 *
 * <ul>
 *   <li>{@link #byKey}: every distinct session id is one session;
 *   <li>{@link #byGap}: each customer's events, in time order, are cut wherever the pause between
 *       two consecutive events is longer than the gap (30 minutes by default, the usual web
 *       analytics rule). A pause of exactly the gap does not cut.
 * </ul>
 *
 * Events of a session are in time order, equal times in input order. Sessions come out sorted by
 * start time (ties in order of their key's first appearance). Input need not be sorted. Runs in
 * O(n) plus the cost of sorting each key's events by time.
 *
 * <pre>
 * SessionList sessions = SessionSplitter.byGap(customer, time, n, customers, Duration.ofMinutes(30));
 * </pre>
 */
public final class SessionSplitter {
  /** The default pause that starts a new session. */
  public static final Duration DEFAULT_GAP = Duration.ofMinutes(30);

  private SessionSplitter() {}

  /**
   * One session per key.
   *
   * @param key the session ordinal of each event, in {@code [0, keyCount)}
   * @param time the epoch-ms time of each event
   * @param n the number of events (arrays may be longer)
   */
  public static SessionList byKey(int[] key, long[] time, int n, int keyCount) {
    return split(key, time, n, keyCount, Long.MAX_VALUE);
  }

  /**
   * Each key's events cut at pauses longer than {@code gap}.
   *
   * @param key the customer ordinal of each event, in {@code [0, keyCount)}
   */
  public static SessionList byGap(int[] key, long[] time, int n, int keyCount, Duration gap) {
    if (gap.isNegative() || gap.isZero()) {
      throw new IllegalArgumentException("session gap must be positive, was " + gap);
    }
    return split(key, time, n, keyCount, gap.toMillis());
  }

  private static SessionList split(int[] key, long[] time, int n, int keyCount, long gapMs) {
    // counting sort by key, keeping input order within a key
    int[] bucketStart = new int[keyCount + 1];
    for (int i = 0; i < n; i++) {
      bucketStart[key[i] + 1]++;
    }
    for (int k = 0; k < keyCount; k++) {
      bucketStart[k + 1] += bucketStart[k];
    }
    int[] order = new int[n];
    int[] fill = Arrays.copyOf(bucketStart, keyCount);
    for (int i = 0; i < n; i++) {
      order[fill[key[i]]++] = i;
    }
    fill = null;
    int[] scratch = new int[n];
    // sort each key by time, then cut; session boundaries go to `cuts` in order-space
    int[] cuts = new int[Math.max(16, keyCount + 1)];
    int sessions = 0;
    for (int k = 0; k < keyCount; k++) {
      int from = bucketStart[k];
      int to = bucketStart[k + 1];
      if (from == to) {
        continue;
      }
      TimeOrder.sort(order, from, to, time, scratch);
      if (sessions + 1 >= cuts.length) {
        cuts = Arrays.copyOf(cuts, cuts.length * 2);
      }
      cuts[sessions++] = from;
      for (int i = from + 1; i < to; i++) {
        if (time[order[i]] - time[order[i - 1]] > gapMs) {
          if (sessions + 1 >= cuts.length) {
            cuts = Arrays.copyOf(cuts, cuts.length * 2);
          }
          cuts[sessions++] = i;
        }
      }
    }
    if (sessions + 1 > cuts.length) {
      cuts = Arrays.copyOf(cuts, sessions + 1);
    }
    cuts[sessions] = n;
    // order sessions by start time; the session index order is key order, so ties stay stable
    long[] start = new long[sessions];
    int[] byStart = new int[sessions];
    for (int s = 0; s < sessions; s++) {
      start[s] = time[order[cuts[s]]];
      byStart[s] = s;
    }
    TimeOrder.sort(byStart, 0, sessions, start, new int[sessions]);
    int[] events = scratch; // reuse: scratch is free again
    int[] offsets = new int[sessions + 1];
    int pos = 0;
    for (int r = 0; r < sessions; r++) {
      int s = byStart[r];
      offsets[r] = pos;
      int len = cuts[s + 1] - cuts[s];
      System.arraycopy(order, cuts[s], events, pos, len);
      pos += len;
    }
    offsets[sessions] = pos;
    return new SessionList(events, offsets, sessions);
  }
}
