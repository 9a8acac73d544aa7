package dev.aisle.tune;

import java.util.SplittableRandom;

/**
 * Points of the unit cube from the Halton sequence (one prime base per dimension), shifted by a
 * random vector drawn from the seed (a Cranley-Patterson rotation): they cover the space more
 * evenly than independent random draws, which Bergstra and Bengio ("Random search for
 * hyper-parameter optimization", JMLR 2012) recommend for hyperparameter search. Same seed, same
 * points. Not thread-safe.
 */
final class QuasiRandom {
  private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47,
      53, 59, 61, 67, 71, 73, 79, 83, 89, 97};

  private final double[] shift;
  private int index;

  QuasiRandom(int dimensions, long seed) {
    if (dimensions > PRIMES.length) {
      throw new IllegalArgumentException("at most " + PRIMES.length + " dimensions, was "
          + dimensions);
    }
    SplittableRandom random = new SplittableRandom(seed);
    shift = new double[dimensions];
    for (int d = 0; d < dimensions; d++) {
      shift[d] = random.nextDouble();
    }
    index = 1; // the sequence's point 0 is the origin for every base
  }

  /** The next point. */
  double[] next() {
    double[] u = new double[shift.length];
    for (int d = 0; d < u.length; d++) {
      double x = radicalInverse(index, PRIMES[d]) + shift[d];
      u[d] = x - Math.floor(x);
    }
    index++;
    return u;
  }

  /** {@code i} written in base {@code b}, digits mirrored behind the point. */
  static double radicalInverse(int i, int b) {
    double inv = 1.0 / b;
    double f = inv;
    double r = 0;
    for (int n = i; n > 0; n /= b) {
      r += f * (n % b);
      f *= inv;
    }
    return r;
  }
}
