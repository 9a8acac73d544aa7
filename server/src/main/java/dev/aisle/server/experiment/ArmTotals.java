package dev.aisle.server.experiment;

import java.util.HashMap;
import java.util.Map;

/**
 * The counts of one arm of a split, kept per visitor as well as in total, so that a rate's
 * variance can be taken over visitors ({@link Statistics#ratio}): the sums of the visitors'
 * totals, of their squares and of their products with impressions, updated as each count moves.
 * Memory grows with the arm's visitors (one small array each).
 *
 * <p>Not thread-safe: {@link Experiments} holds its lock.
 */
final class ArmTotals {
  /** What is counted, in this order. */
  enum Metric {
    IMPRESSIONS, CLICKS, CARTS, PURCHASES
  }

  private static final int M = Metric.values().length;

  private final Map<String, long[]> byVisitor = new HashMap<>();
  private final long[] sum = new long[M];
  private final double[] sumSquares = new double[M];
  /** Sum over visitors of impressions times the metric. */
  private final double[] withImpressions = new double[M];

  /** Adds one to {@code metric} of {@code visitor}. */
  void add(String visitor, Metric metric) {
    long[] v = byVisitor.computeIfAbsent(visitor, x -> new long[M]);
    int m = metric.ordinal();
    long old = v[m];
    v[m]++;
    sum[m]++;
    sumSquares[m] += 2 * old + 1;
    if (m == 0) {
      for (int j = 0; j < M; j++) {
        withImpressions[j] += j == 0 ? 2 * old + 1 : v[j];
      }
    } else {
      withImpressions[m] += v[0];
    }
  }

  long visitors() {
    return byVisitor.size();
  }

  long count(Metric m) {
    return sum[m.ordinal()];
  }

  /** {@code metric} per impression, with its variance over visitors. */
  Statistics.Estimate rate(Metric metric) {
    int m = metric.ordinal();
    return Statistics.ratio(byVisitor.size(), sum[0], sumSquares[0], sum[m], sumSquares[m],
        withImpressions[m]);
  }
}
