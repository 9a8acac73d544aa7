package dev.aisle.model.dense;

import dev.aisle.model.Params;
import dev.aisle.model.SessionWeighting;

/**
 * Options of {@link DenseTrainer}; see the package for the mapping to Keras's names. The
 * defaults are the talk's network and Keras's own defaults.
 *
 * @param hiddenMultiplier hidden units per output product ({@code hidden-multiplier}, 2: {@code
 *     Dense(2N)})
 * @param epochs passes over the samples ({@code epochs}, 3)
 * @param batchSize samples per gradient step ({@code batch-size}, 2000)
 * @param learningRate RMSprop's step size ({@code learning-rate}, 0.001)
 * @param rho RMSprop's decay of the mean square ({@code rho}, 0.9)
 * @param epsilon RMSprop's fuzz factor ({@code epsilon}, 1e-7)
 * @param maxProducts the network covers only the most popular N products, 0 = all ({@code
 *     max-products}); cost grows with N squared
 * @param normalizedTarget the target sums to 1 over the session's other products ({@code
 *     target=normalized}) or is their multi-hot vector ({@code target=multi-hot})
 * @param perEvent one sample per browse event, a product browsed twice in a session giving two
 *     ({@code samples=events}, the log's rows as they come), or one per distinct product of a
 *     session ({@code samples=products})
 * @param sessionWeighting how a session's products mix into the one-hot input for next-item
 *     queries ({@code session-weighting}, {@code last})
 * @param lambda decay of the {@code exp} session weighting ({@code lambda})
 */
public record DenseOptions(double hiddenMultiplier, int epochs, int batchSize,
    double learningRate, double rho, double epsilon, int maxProducts, boolean normalizedTarget,
    boolean perEvent, SessionWeighting sessionWeighting, double lambda) {

  public DenseOptions {
    if (!(hiddenMultiplier > 0) || hiddenMultiplier > 64) {
      throw new IllegalArgumentException("hidden-multiplier must be in (0, 64], was "
          + hiddenMultiplier);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch-size must be >= 1, was " + batchSize);
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning-rate must be > 0, was " + learningRate);
    }
    if (!(rho >= 0 && rho < 1)) {
      throw new IllegalArgumentException("rho must be in [0, 1), was " + rho);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be > 0, was " + epsilon);
    }
    if (maxProducts < 0) {
      throw new IllegalArgumentException("max-products must be >= 0 (0 = all), was "
          + maxProducts);
    }
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be > 0, was " + lambda);
    }
  }

  /** Reads the options; defaults are the talk's network with Keras's RMSprop defaults. */
  public static DenseOptions from(Params p) {
    return new DenseOptions(
        p.getDouble("hidden-multiplier", 2),
        p.getInt("epochs", 3),
        p.getInt("batch-size", 2000),
        p.getDouble("learning-rate", 0.001),
        p.getDouble("rho", 0.9),
        p.getDouble("epsilon", 1e-7),
        p.getInt("max-products", 0),
        p.getChoice("target", "normalized", "normalized", "multi-hot").equals("normalized"),
        p.getChoice("samples", "events", "events", "products").equals("events"),
        SessionWeighting.fromLabel(p.getChoice("session-weighting", "last", "last", "linear",
            "exp", "uniform")),
        p.getDouble("lambda", 1.0));
  }

  /** The products the network covers out of {@code products}. */
  public int outputs(int products) {
    return maxProducts == 0 ? products : Math.min(products, maxProducts);
  }

  /** Hidden units for {@code n} output products: {@code round(hidden-multiplier x n)}, >= 1. */
  public int hidden(int n) {
    return (int) Math.max(1, Math.round(hiddenMultiplier * n));
  }
}
