package dev.aisle.model.item2vec;

import dev.aisle.model.Params;
import dev.aisle.model.SessionWeighting;

/**
 * Options of {@link Item2VecTrainer}; see the package for the mapping to word2vec's names.
 *
 * @param dim embedding dimension ({@code dim})
 * @param window maximum context distance ({@code window})
 * @param negative noise samples per positive pair ({@code negative})
 * @param sample subsampling threshold, 0 = off ({@code sample})
 * @param alpha starting learning rate ({@code alpha})
 * @param minAlpha final learning rate ({@code min-alpha})
 * @param epochs passes over the sessions ({@code epochs})
 * @param sessionWeighting how a session's product vectors add up for next-item queries ({@code
 *     session-weighting})
 * @param lambda decay of the {@code exp} session weighting ({@code lambda})
 */
public record Item2VecOptions(int dim, int window, int negative, double sample, double alpha,
    double minAlpha, int epochs, SessionWeighting sessionWeighting, double lambda) {

  public Item2VecOptions {
    if (dim < 1 || dim > 4096) {
      throw new IllegalArgumentException("dim must be in 1..4096, was " + dim);
    }
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, was " + window);
    }
    if (negative < 1) {
      throw new IllegalArgumentException("negative must be >= 1, was " + negative);
    }
    if (!(sample >= 0)) {
      throw new IllegalArgumentException("sample must be >= 0, was " + sample);
    }
    if (!(alpha > 0) || !(minAlpha >= 0) || minAlpha > alpha) {
      throw new IllegalArgumentException("need 0 <= min-alpha <= alpha and alpha > 0, were "
          + minAlpha + " and " + alpha);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
    }
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be > 0, was " + lambda);
    }
  }

  /** Reads the options; defaults are the values tuned on the yoochoose-100k validation pair. */
  public static Item2VecOptions from(Params p) {
    return new Item2VecOptions(
        p.getInt("dim", 64),
        p.getInt("window", 3),
        p.getInt("negative", 5),
        p.getDouble("sample", 1e-4),
        p.getDouble("alpha", 0.025),
        p.getDouble("min-alpha", 0.0001),
        p.getInt("epochs", 50),
        SessionWeighting.fromLabel(p.getChoice("session-weighting", "exp", "last", "linear",
            "exp", "uniform")),
        p.getDouble("lambda", 1.0));
  }
}
