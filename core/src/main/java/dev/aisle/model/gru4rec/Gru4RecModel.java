package dev.aisle.model.gru4rec;

import dev.aisle.BadInputException;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.linalg.Gemm;
import dev.aisle.linalg.VectorMath;
import dev.aisle.model.Recommender;
import java.util.List;

/**
 * A trained GRU4Rec network. The next product after a session: the GRU runs over the session's
 * products from a zero state (one step per product, the product's embedding as input), and every
 * product scores the dot product of its output weights with the last state, plus its bias. These
 * are the logits of the softmax the network was trained with (no logQ correction, no dropout at
 * query time); a higher score is a likelier next product. Related products are the next products
 * after a one-product session.
 *
 * <p>{@link #scoreNextBatch} multiplies many sessions' states by the output weights at once.
 *
 * <p>Immutable and thread-safe.
 */
public final class Gru4RecModel implements Recommender {
  private final ProductIndex products;
  private final Gru4RecOptions options;
  private final int h;
  private final float[] wy; // products x h: output weights, the input embedding when constrained
  private final float[] by; // products
  private final float[] embedding; // products x h: the input embedding (wy when constrained)
  private final float[] wih; // 3h x h
  private final float[] whh; // 3h x h
  private final float[] bih; // 3h
  private final float[] bhh; // 3h

  Gru4RecModel(ProductIndex products, Gru4RecOptions options, float[] wy, float[] by,
      float[] embedding, float[] wih, float[] whh, float[] bih, float[] bhh) {
    int n = products.size();
    int h = options.layers();
    if (wy.length != (long) n * h || by.length != n || wih.length != 3 * h * h
        || whh.length != 3 * h * h || bih.length != 3 * h || bhh.length != 3 * h
        || (options.constrainedEmbedding() ? embedding != wy : embedding.length != wy.length)) {
      throw new IllegalArgumentException("weights do not match " + n + " products and " + h
          + " GRU units");
    }
    this.products = products;
    this.options = options;
    this.h = h;
    this.wy = wy;
    this.by = by;
    this.embedding = embedding;
    this.wih = wih;
    this.whh = whh;
    this.bih = bih;
    this.bhh = bhh;
  }

  @Override
  public String algorithm() {
    return "gru4rec";
  }

  @Override
  public ProductIndex products() {
    return products;
  }

  /** The options the model was trained with. */
  public Gru4RecOptions options() {
    return options;
  }

  /** Weights and biases: {@code N H + N} for the output, {@code 6 H^2 + 6 H} for the GRU, and
   * {@code N H} more for an unconstrained input embedding. */
  public long parameters() {
    long n = products.size();
    return n * h + n + 6L * h * h + 6L * h + (options.constrainedEmbedding() ? 0 : n * h);
  }

  @Override
  public void scoreNext(int[] session, float[] scores) {
    float[] state = new float[h];
    finalState(session, state, 0);
    int n = products.size();
    for (int p = 0; p < n; p++) {
      scores[p] = VectorMath.dot(wy, p * h, state, 0, h) + by[p];
    }
  }

  @Override
  public void scoreNextBatch(List<int[]> sessions, float[][] scores) {
    int q = sessions.size();
    int n = products.size();
    float[] states = new float[q * h];
    for (int i = 0; i < q; i++) {
      finalState(sessions.get(i), states, i * h);
    }
    float[] z = new float[q * n];
    Gemm.multiply(q, n, h, states, 0, h, false, wy, 0, h, true, z, 0, n, false, 1);
    for (int i = 0; i < q; i++) {
      float[] out = scores[i];
      for (int p = 0; p < n; p++) {
        out[p] = z[i * n + p] + by[p];
      }
    }
  }

  @Override
  public void scoreRelated(int product, float[] scores) {
    scoreNext(new int[] {product}, scores);
  }

  /** The GRU's state after the session's products, from zero, into {@code state[at, at + h)}. */
  private void finalState(int[] session, float[] state, int at) {
    float[] gi = new float[3 * h];
    float[] gh = new float[3 * h];
    float[] r = new float[h];
    float[] z = new float[h];
    float[] nn = new float[h];
    for (int p : session) {
      for (int k = 0; k < 3 * h; k++) {
        gi[k] = VectorMath.dot(wih, k * h, embedding, p * h, h) + bih[k];
        gh[k] = VectorMath.dot(whh, k * h, state, at, h) + bhh[k];
      }
      GruCell.gates(h, gi, 0, gh, 0, state, at, r, z, nn, 0, state, at);
    }
  }

  @Override
  public void write(BinaryWriter out) {
    out.writeVarInt(options.layers());
    out.writeVarInt(options.epochs());
    out.writeVarInt(options.batchSize());
    out.writeDouble(options.dropoutEmbed());
    out.writeDouble(options.dropoutHidden());
    out.writeDouble(options.learningRate());
    out.writeDouble(options.momentum());
    out.writeVarInt(options.nSample());
    out.writeDouble(options.sampleAlpha());
    out.writeDouble(options.logq());
    out.writeByte(options.constrainedEmbedding() ? 1 : 0);
    float[][] arrays = options.constrainedEmbedding()
        ? new float[][] {wy, by, wih, whh, bih, bhh}
        : new float[][] {wy, by, wih, whh, bih, bhh, embedding};
    for (float[] a : arrays) {
      for (float v : a) {
        out.writeFloat(v);
      }
    }
  }

  /** Reads what {@link #write} wrote. */
  public static Gru4RecModel read(BinaryReader in, ProductIndex products) {
    Gru4RecOptions o;
    try {
      o = new Gru4RecOptions(in.readVarInt(), in.readVarInt(), in.readVarInt(), in.readDouble(),
          in.readDouble(), in.readDouble(), in.readDouble(), in.readVarInt(), in.readDouble(),
          in.readDouble(), in.readByte() == 1);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(in.source() + ": corrupt gru4rec model: " + e.getMessage());
    }
    int n = products.size();
    int h = o.layers();
    if ((long) n * h > Integer.MAX_VALUE - 16) {
      throw new BadInputException(in.source() + ": corrupt gru4rec model: " + n + " products x "
          + h + " units");
    }
    float[] wy = floats(in, n * h);
    float[] by = floats(in, n);
    float[] wih = floats(in, 3 * h * h);
    float[] whh = floats(in, 3 * h * h);
    float[] bih = floats(in, 3 * h);
    float[] bhh = floats(in, 3 * h);
    float[] embedding = o.constrainedEmbedding() ? wy : floats(in, n * h);
    return new Gru4RecModel(products, o, wy, by, embedding, wih, whh, bih, bhh);
  }

  private static float[] floats(BinaryReader in, int count) {
    float[] v = new float[count];
    for (int i = 0; i < count; i++) {
      v[i] = in.readFloat();
    }
    return v;
  }
}
