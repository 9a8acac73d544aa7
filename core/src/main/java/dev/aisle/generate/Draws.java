package dev.aisle.generate;

import java.util.SplittableRandom;

/**
 * Continuous random draws computed with {@link StrictMath} only, so that a seed gives the same
 * numbers on every JVM and processor: {@code Math.exp} and friends may differ in the last bit
 * between platforms, and the JDK's own {@code nextGaussian}/{@code nextExponential} algorithms are
 * not specified. One different bit could move an event by a second, and then the bytes differ.
 */
final class Draws {
  private Draws() {}

  /** A standard normal number (Marsaglia's polar method; the second value is dropped). */
  static double gaussian(SplittableRandom rng) {
    double u;
    double v;
    double s;
    do {
      u = 2 * rng.nextDouble() - 1;
      v = 2 * rng.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
  }

  /** An exponential number with mean 1. */
  static double exponential(SplittableRandom rng) {
    return -StrictMath.log(1 - rng.nextDouble());
  }

  /** {@code exp(mu + sigma * Z)}: log-normal with median {@code exp(mu)}. */
  static double logNormal(SplittableRandom rng, double mu, double sigma) {
    return StrictMath.exp(mu + sigma * gaussian(rng));
  }
}
