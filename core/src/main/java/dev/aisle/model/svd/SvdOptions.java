package dev.aisle.model.svd;

import dev.aisle.model.Params;
import dev.aisle.model.SessionWeighting;

/**
 * Options of {@link SvdTrainer}; see the package for the mapping to the papers' names.
 *
 * @param dim vector dimension: singular triplets kept ({@code dim})
 * @param window largest distance of a counted pair, in events, 0 = whole session ({@code window})
 * @param distanceWeighting a pair {@code d} events apart counts {@code 1 / d} ({@code
 *     distance-weighting})
 * @param cds context distribution smoothing exponent ({@code cds}, Levy et al.'s alpha)
 * @param neg shift: PMI minus {@code log(neg)} before clipping at 0 ({@code neg}, Levy et al.'s
 *     k)
 * @param eig vectors are {@code U Sigma^eig} ({@code eig}, Levy et al.'s p)
 * @param oversampling extra random directions ({@code oversampling}, Halko et al.'s p)
 * @param powerIterations subspace iterations ({@code power-iterations}, Halko et al.'s q)
 * @param sessionWeighting how a session's product vectors add up for next-item queries ({@code
 *     session-weighting})
 * @param lambda decay of the {@code exp} session weighting ({@code lambda})
 */
public record SvdOptions(int dim, int window, boolean distanceWeighting, double cds, double neg,
    double eig, int oversampling, int powerIterations, SessionWeighting sessionWeighting,
    double lambda) {

  public SvdOptions {
    if (dim < 1 || dim > 4096) {
      throw new IllegalArgumentException("dim must be in 1..4096, was " + dim);
    }
    if (window < 0) {
      throw new IllegalArgumentException("window must be >= 0 (0 = whole session), was "
          + window);
    }
    if (!(cds > 0 && cds <= 1)) {
      throw new IllegalArgumentException("cds must be in (0, 1], was " + cds);
    }
    if (!(neg >= 1)) {
      throw new IllegalArgumentException("neg must be >= 1, was " + neg);
    }
    if (!(eig >= 0 && eig <= 1)) {
      throw new IllegalArgumentException("eig must be in [0, 1], was " + eig);
    }
    if (oversampling < 0) {
      throw new IllegalArgumentException("oversampling must be >= 0, was " + oversampling);
    }
    if (powerIterations < 0) {
      throw new IllegalArgumentException("power-iterations must be >= 0, was "
          + powerIterations);
    }
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be > 0, was " + lambda);
    }
  }

  /** Reads the options; defaults were tuned on the yoochoose-100k validation pair. */
  public static SvdOptions from(Params p) {
    return new SvdOptions(
        p.getInt("dim", 128),
        p.getInt("window", 3),
        p.getBoolean("distance-weighting", true),
        p.getDouble("cds", 0.75),
        p.getDouble("neg", 1),
        p.getDouble("eig", 1),
        p.getInt("oversampling", 10),
        p.getInt("power-iterations", 2),
        SessionWeighting.fromLabel(p.getChoice("session-weighting", "exp", "last", "linear",
            "exp", "uniform")),
        p.getDouble("lambda", 1.0));
  }
}
