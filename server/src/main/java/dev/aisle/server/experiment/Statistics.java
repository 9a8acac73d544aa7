package dev.aisle.server.experiment;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * The tests behind the experiment report, at 95% and two-sided.
 *
 * <ul>
 *   <li>A split's rates (clicks, carts, purchases per impression) are ratio metrics over
 *       visitors, who are what the split randomises: their variance is the delta method's over
 *       visitor totals (Deng, Knoblich and Lu, "Applying the Delta Method in Metric Analytics",
 *       KDD 2018), not the binomial variance over impressions, which would be too small because
 *       one visitor's impressions are alike. Two arms are compared with a two-sided z-test on the
 *       difference of their rates.
 *   <li>Interleaving's share is a binomial proportion: the Wilson score interval, and a two-sided
 *       exact binomial test against one half.
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class Statistics {
  /** The level of every interval, and one minus the level of every test. */
  static final double CONFIDENCE = 0.95;

  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1,
      NormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
  private static final double Z = NORMAL.inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);

  private Statistics() {}

  /**
   * A rate with its interval.
   *
   * @param variance of the estimate, NaN when there are too few visitors to say
   */
  record Estimate(double value, double variance) {
    double low() {
      return value - Z * Math.sqrt(variance);
    }

    double high() {
      return value + Z * Math.sqrt(variance);
    }
  }

  /**
   * The rate {@code sum(y) / sum(x)} over visitors with the delta method's variance.
   *
   * @param n visitors
   * @param sx the sum of the visitors' x (impressions), {@code sxx} of their squares
   * @param sy the sum of their y (clicks, ...), {@code syy} of the squares
   * @param sxy the sum of {@code x * y}
   */
  static Estimate ratio(long n, double sx, double sxx, double sy, double syy, double sxy) {
    if (n == 0 || sx == 0) {
      return new Estimate(Double.NaN, Double.NaN);
    }
    double r = sy / sx;
    if (n < 2) {
      return new Estimate(r, Double.NaN);
    }
    double mx = sx / n;
    double my = sy / n;
    double vx = (sxx - n * mx * mx) / (n - 1);
    double vy = (syy - n * my * my) / (n - 1);
    double cxy = (sxy - n * mx * my) / (n - 1);
    double v = (vy / (mx * mx) - 2 * my * cxy / (mx * mx * mx)
        + my * my * vx / (mx * mx * mx * mx)) / n;
    return new Estimate(r, Math.max(0, v));
  }

  /**
   * The difference {@code b - a} of two independent estimates, its interval and the two-sided
   * z-test's p-value; the p-value is NaN when either variance is unknown or both are zero.
   */
  record Difference(double value, double low, double high, double z, double p) {
    boolean significant() {
      return p < 1 - CONFIDENCE;
    }
  }

  static Difference difference(Estimate a, Estimate b) {
    double d = b.value() - a.value();
    double se = Math.sqrt(a.variance() + b.variance());
    if (Double.isNaN(se) || se == 0) {
      return new Difference(d, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double z = d / se;
    double p = 2 * NORMAL.cumulativeProbability(-Math.abs(z));
    return new Difference(d, d - Z * se, d + Z * se, z, p);
  }

  /** A proportion {@code k / n} with its Wilson interval and the exact test against 1/2. */
  record Share(long k, long n, double value, double low, double high, double p) {
    boolean significant() {
      return p < 1 - CONFIDENCE;
    }
  }

  static Share share(long k, long n) {
    if (n == 0) {
      return new Share(k, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalStateException("more than 2^31 trials");
    }
    ConfidenceInterval ci = new WilsonScoreInterval().createInterval((int) n, (int) k,
        CONFIDENCE);
    double p = new BinomialTest().binomialTest((int) n, (int) k, 0.5,
        AlternativeHypothesis.TWO_SIDED);
    return new Share(k, n, (double) k / n, ci.getLowerBound(), ci.getUpperBound(), p);
  }
}
