package dev.aisle.model.glove;

import dev.aisle.model.Params;
import dev.aisle.model.SessionWeighting;

/**
 * Options of {@link GloveTrainer}; see the package for the mapping to GloVe's names.
 *
 * @param dim vector dimension ({@code dim})
 * @param window largest distance of a counted pair, in events ({@code window})
 * @param distanceWeighting a pair {@code d} events apart counts {@code 1 / d} ({@code
 *     distance-weighting})
 * @param xMax counts at or above this get the full weight ({@code x-max})
 * @param alpha exponent of the weighting below {@code x-max} ({@code alpha})
 * @param eta AdaGrad's initial learning rate ({@code eta})
 * @param epochs passes over the non-zero counts ({@code epochs})
 * @param sessionWeighting how a session's product vectors add up for next-item queries ({@code
 *     session-weighting})
 * @param lambda decay of the {@code exp} session weighting ({@code lambda})
 */
public record GloveOptions(int dim, int window, boolean distanceWeighting, double xMax,
    double alpha, double eta, int epochs, SessionWeighting sessionWeighting, double lambda) {

  public GloveOptions {
    if (dim < 1 || dim > 4096) {
      throw new IllegalArgumentException("dim must be in 1..4096, was " + dim);
    }
    if (window < 0) {
      throw new IllegalArgumentException("window must be >= 0 (0 = whole session), was "
          + window);
    }
    if (!(xMax > 0)) {
      throw new IllegalArgumentException("x-max must be > 0, was " + xMax);
    }
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("alpha must be > 0, was " + alpha);
    }
    if (!(eta > 0)) {
      throw new IllegalArgumentException("eta must be > 0, was " + eta);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
    }
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be > 0, was " + lambda);
    }
  }

  /** Reads the options; defaults were tuned on the yoochoose-100k validation pair. */
  public static GloveOptions from(Params p) {
    return new GloveOptions(
        p.getInt("dim", 128),
        p.getInt("window", 5),
        p.getBoolean("distance-weighting", true),
        p.getDouble("x-max", 5),
        p.getDouble("alpha", 0.75),
        p.getDouble("eta", 0.05),
        p.getInt("epochs", 3),
        SessionWeighting.fromLabel(p.getChoice("session-weighting", "exp", "last", "linear",
            "exp", "uniform")),
        p.getDouble("lambda", 1.0));
  }
}
