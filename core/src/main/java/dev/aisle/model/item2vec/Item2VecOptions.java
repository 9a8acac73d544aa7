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
 * @param epochs passes over the sessions ({@code epochs}); {@link #EPOCHS_BY_SIZE} (the default)
 *     chooses them by the corpus's size, see {@link #forEvents}
 * @param sessionWeighting how a session's product vectors add up for next-item queries ({@code
 *     session-weighting})
 * @param lambda decay of the {@code exp} session weighting ({@code lambda})
 */
public record Item2VecOptions(int dim, int window, int negative, double sample, double alpha,
    double minAlpha, int epochs, SessionWeighting sessionWeighting, double lambda) {

  /** {@code epochs} to choose by the corpus's size ({@link #forEvents}). */
  public static final int EPOCHS_BY_SIZE = 0;

  /** Epochs on a small corpus: the value tuned on the yoochoose-100k validation pair. */
  public static final int MAX_EPOCHS = 50;

  /** Epochs on a very large corpus, at least. */
  public static final int MIN_EPOCHS = 3;

  /**
   * Events read in all epochs together, at most, when the epochs are chosen by size: 50 epochs up
   * to 12M events, 6 at 100M (about nine minutes on two cores), never fewer than {@link
   * #MIN_EPOCHS}. A large corpus has many sessions per product, so each epoch teaches more, and
   * word2vec's own default is 5 epochs over billions of words.
   */
  public static final long EVENT_PASSES = 600_000_000L;

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
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 1 (or 0 to choose by the corpus's"
          + " size), was " + epochs);
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
        p.getInt("epochs", EPOCHS_BY_SIZE),
        SessionWeighting.fromLabel(p.getChoice("session-weighting", "exp", "last", "linear",
            "exp", "uniform")),
        p.getDouble("lambda", 1.0));
  }

  /**
   * These options for a corpus of {@code events} events: the epochs chosen by its size when they
   * are {@link #EPOCHS_BY_SIZE}, {@code EVENT_PASSES / events} between {@link #MIN_EPOCHS} and
   * {@link #MAX_EPOCHS}; else these options unchanged.
   */
  public Item2VecOptions forEvents(long events) {
    if (epochs != EPOCHS_BY_SIZE) {
      return this;
    }
    int chosen = (int) Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS,
        EVENT_PASSES / Math.max(1, events)));
    return new Item2VecOptions(dim, window, negative, sample, alpha, minAlpha, chosen,
        sessionWeighting, lambda);
  }
}
