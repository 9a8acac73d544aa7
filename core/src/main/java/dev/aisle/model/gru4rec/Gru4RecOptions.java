package dev.aisle.model.gru4rec;

import dev.aisle.model.Params;

/**
 * Options of {@link Gru4RecTrainer}; the package lists them beside the official implementation's
 * names and says where the defaults come from.
 *
 * @param layers GRU units, also the size of the product embeddings ({@code layers}, 1..4096)
 * @param epochs passes over the sessions ({@code epochs}, 1..1000)
 * @param batchSize sessions processed side by side, one step of each per mini-batch ({@code
 *     batch-size}, 1..4096)
 * @param dropoutEmbed dropout on the input embedding while training ({@code dropout-p-embed},
 *     [0, 1))
 * @param dropoutHidden dropout on the hidden state while training ({@code dropout-p-hidden}, [0,
 *     1)); the dropped-out state is carried to the session's next step, as in the original
 * @param learningRate Adagrad's step size ({@code learning-rate}, > 0)
 * @param momentum Adagrad's momentum, 0 = plain Adagrad ({@code momentum}, [0, 1))
 * @param nSample negative products drawn per mini-batch and shared by its rows, besides the
 *     batch's own targets ({@code n-sample}, 0..65536)
 * @param sampleAlpha negatives are drawn with probability proportional to popularity^alpha: 0
 *     uniform, 1 by popularity ({@code sample-alpha}, [0, 1])
 * @param logq weight of the logQ correction, subtracted log sampling probability times logq ({@code
 *     logq}, [0, 1]; 0 = off)
 * @param constrainedEmbedding the input embedding is the output weight matrix ({@code
 *     constrained-embedding}, true); false gives the input its own embedding of {@code layers}
 *     dimensions
 */
public record Gru4RecOptions(int layers, int epochs, int batchSize, double dropoutEmbed,
    double dropoutHidden, double learningRate, double momentum, int nSample, double sampleAlpha,
    double logq, boolean constrainedEmbedding) {

  public Gru4RecOptions {
    if (layers < 1 || layers > 4096) {
      throw new IllegalArgumentException("layers must be in 1..4096, was " + layers);
    }
    if (epochs < 1 || epochs > 1000) {
      throw new IllegalArgumentException("epochs must be in 1..1000, was " + epochs);
    }
    if (batchSize < 1 || batchSize > 4096) {
      throw new IllegalArgumentException("batch-size must be in 1..4096, was " + batchSize);
    }
    if (!(dropoutEmbed >= 0 && dropoutEmbed < 1)) {
      throw new IllegalArgumentException("dropout-p-embed must be in [0, 1), was "
          + dropoutEmbed);
    }
    if (!(dropoutHidden >= 0 && dropoutHidden < 1)) {
      throw new IllegalArgumentException("dropout-p-hidden must be in [0, 1), was "
          + dropoutHidden);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning-rate must be > 0, was " + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
    }
    if (nSample < 0 || nSample > 65536) {
      throw new IllegalArgumentException("n-sample must be in 0..65536, was " + nSample);
    }
    if (!(sampleAlpha >= 0 && sampleAlpha <= 1)) {
      throw new IllegalArgumentException("sample-alpha must be in [0, 1], was " + sampleAlpha);
    }
    if (!(logq >= 0 && logq <= 1)) {
      throw new IllegalArgumentException("logq must be in [0, 1], was " + logq);
    }
    if (nSample == 0 && batchSize < 2) {
      throw new IllegalArgumentException("with n-sample=0 the batch's other targets are the only "
          + "negatives: batch-size must be >= 2, was " + batchSize);
    }
  }

  /** Reads the options; the package says where the defaults come from. */
  public static Gru4RecOptions from(Params p) {
    return new Gru4RecOptions(
        p.getInt("layers", 100),
        p.getInt("epochs", 8),
        p.getInt("batch-size", 48),
        p.getDouble("dropout-p-embed", 0.0),
        p.getDouble("dropout-p-hidden", 0.2),
        p.getDouble("learning-rate", 0.07),
        p.getDouble("momentum", 0.0),
        p.getInt("n-sample", 2048),
        p.getDouble("sample-alpha", 0.2),
        p.getDouble("logq", 1.0),
        p.getBoolean("constrained-embedding", true));
  }
}
