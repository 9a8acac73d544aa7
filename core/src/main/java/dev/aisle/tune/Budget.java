package dev.aisle.tune;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The wall-time budget of a search: when it ends, how fast trials go, and how the time left is
 * shared among the algorithms still to search.
 *
 * <p>Shares are water-filled (max-min fair): every algorithm whose remaining trials have a cost
 * estimate gets that estimate if it is below an equal share, and the time the cheap ones do not
 * need is split equally among the others (the expensive ones, and those whose cost is unknown
 * because their first trial has not finished). A slow algorithm so gets no more than an equal
 * part, and never starves the cheap ones of the little they need. Not thread-safe.
 */
final class Budget {
  private final long start;
  private final long end;
  private final Duration budget;
  private int trials;

  /**
   * @param start {@link System#nanoTime} when the budget started
   * @param budget its length
   */
  Budget(long start, Duration budget) {
    this.start = start;
    this.end = start + budget.toNanos() - reserve(budget).toNanos();
    this.budget = budget;
  }

  /**
   * The end of the budget kept back from the trials: a twentieth, at most 5 s, to wait for a
   * trial that stops late ({@link TrialRunner#GRACE}), write the result and exit.
   */
  static Duration reserve(Duration budget) {
    return budget.dividedBy(20).compareTo(Duration.ofSeconds(5)) < 0 ? budget.dividedBy(20)
        : Duration.ofSeconds(5);
  }

  /** {@link System#nanoTime} when the trials must end: the budget's end less its reserve. */
  long end() {
    return end;
  }

  /** Nanoseconds left, at least 0. */
  long left() {
    return Math.max(0, end - System.nanoTime());
  }

  /** Counts one trial run (finished, failed or abandoned). */
  void counted() {
    trials++;
  }

  /** Trials run so far. */
  int trials() {
    return trials;
  }

  /** Nanoseconds since the budget started. */
  long elapsed() {
    return System.nanoTime() - start;
  }

  /** How the search goes, for the progress lines: {@code 25 trials, 8.3 a minute, 12m30s left}. */
  String pace() {
    return String.format(Locale.ROOT, "%d trials, %s, %s left", trials, perMinute(trials,
        elapsed()), Tuner.describe(Duration.ofSeconds(left() / 1_000_000_000L)));
  }

  /** The whole search, for the summary: {@code 132 trials in 19m48s of the 20m budget, ...}. */
  String summary() {
    return String.format(Locale.ROOT, "%d trials in %s of the %s budget, %s", trials,
        Tuner.describe(Duration.ofSeconds(elapsed() / 1_000_000_000L)), Tuner.describe(budget),
        perMinute(trials, elapsed()));
  }

  /** {@code 8.3 a minute}. */
  static String perMinute(int trials, long nanos) {
    return String.format(Locale.ROOT, "%.1f a minute", nanos <= 0 ? 0 : trials * 60e9 / nanos);
  }

  /**
   * Water-fills {@code available} among claims: in order of need, each gets its need or an
   * equal part of what is left, whichever is less.
   *
   * @param available what there is to share, in any unit
   * @param needs each claim's need in the same unit; {@code POSITIVE_INFINITY} when unknown
   * @return each claim's share, in the order of {@code needs}; they add up to at most {@code
   *     available}
   */
  static long[] shares(long available, double[] needs) {
    long[] share = new long[needs.length];
    Integer[] byNeed = IntStream.range(0, needs.length).boxed().toArray(Integer[]::new);
    Arrays.sort(byNeed, Comparator.comparingDouble(i -> needs[i]));
    long left = Math.max(0, available);
    for (int r = 0; r < byNeed.length; r++) {
      int i = byNeed[r];
      long equal = left / (byNeed.length - r);
      share[i] = needs[i] < equal ? (long) Math.max(0, needs[i]) : equal;
      left -= share[i];
    }
    return share;
  }
}
