package dev.aisle.generate;

import java.util.SplittableRandom;

/**
 * Draws ranks from a Zipf law, {@code P(r) ~ 1 / (r + 1)^s} for ranks {@code r} in {@code [0, n)}.
 * One cumulative table serves every {@code n} up to its size, because the weight of a rank does not
 * depend on {@code n}: a draw scales a uniform number to the first {@code n} entries and binary
 * searches them. The short lists the generator draws from most use only the start of the table,
 * which stays in cache.
 *
 * <p>Immutable and thread-safe; the random generator passed in is not.
 */
final class ZipfTable {
  private final double[] cumulative;

  /**
   * @param size the largest {@code n} to draw from
   * @param exponent {@code s}; 0 draws uniformly, 1 is the classic Zipf law
   */
  ZipfTable(int size, double exponent) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be >= 1, was " + size);
    }
    if (!(exponent >= 0)) {
      throw new IllegalArgumentException("exponent must be >= 0, was " + exponent);
    }
    cumulative = new double[size];
    double sum = 0;
    for (int r = 0; r < size; r++) {
      sum += StrictMath.pow(r + 1, -exponent);
      cumulative[r] = sum;
    }
  }

  /** A rank in {@code [0, n)}, {@code 1 <= n <= size}. */
  int sample(SplittableRandom rng, int n) {
    double u = rng.nextDouble() * cumulative[n - 1];
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The probability of rank {@code r} among {@code n}. */
  double probability(int r, int n) {
    return (cumulative[r] - (r == 0 ? 0 : cumulative[r - 1])) / cumulative[n - 1];
  }
}
