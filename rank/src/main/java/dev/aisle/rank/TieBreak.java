package dev.aisle.rank;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * Orders the candidates that the booster scored exactly the same by a second score, without
 * changing the order of any two it scored differently. A booster of a few shallow trees (what
 * early stopping keeps on a small shop's few queries) gives a hundred candidates a dozen distinct
 * scores, and a tie is a loss: the evaluation counts the next product at the worst rank of its
 * tie, and a shopper sees an arbitrary order.
 *
 * <p>Each score of a tie moves up by at most half the smallest gap between two distinct scores,
 * in proportion to its second score; where there is no tie, nothing changes.
 */
final class TieBreak {
  private TieBreak() {}

  /**
   * Breaks the ties among {@code scores[0..n)} by {@code second} (larger first, each at least 0).
   */
  static void apply(float[] scores, int n, IntToDoubleFunction second) {
    if (n < 2) {
      return;
    }
    float[] sorted = Arrays.copyOf(scores, n);
    Arrays.sort(sorted);
    boolean tied = false;
    double gap = Double.POSITIVE_INFINITY;
    for (int i = 1; i < n; i++) {
      double d = (double) sorted[i] - sorted[i - 1];
      if (d == 0) {
        tied = true;
      } else if (d < gap) {
        gap = d;
      }
    }
    if (!tied) {
      return;
    }
    if (gap == Double.POSITIVE_INFINITY) {
      gap = 1; // every score the same: any step orders them
    }
    double[] by = new double[n];
    double most = 0;
    for (int i = 0; i < n; i++) {
      by[i] = second.applyAsDouble(i);
      if (!(by[i] >= 0)) {
        throw new IllegalArgumentException("second scores must be >= 0, was " + by[i]);
      }
      most = Math.max(most, by[i]);
    }
    if (most == 0) {
      return;
    }
    for (int i = 0; i < n; i++) {
      scores[i] = (float) (scores[i] + 0.5 * gap * by[i] / most);
    }
  }
}
