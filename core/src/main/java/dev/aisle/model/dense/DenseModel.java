package dev.aisle.model.dense;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.linalg.Gemm;
import dev.aisle.linalg.VectorMath;
import dev.aisle.model.Recommender;
import dev.aisle.model.SessionWeighting;
import java.util.List;

/**
 * The talk's network, trained: one-hot product in, {@code Dense(H, relu)}, {@code Dense(N,
 * softmax)} out, scoring the N most popular products (all by default) by the probability that
 * they share a session with the input. Products beyond the N score 0.
 *
 * <p>A query is a row gather (the one-hot input picks a row of the first layer) and a
 * vector-matrix product with the second layer, skipping hidden units the relu zeroed; {@link
 * #scoreNextBatch} answers many queries with one blocked matrix multiply. A session's products
 * mix into the input with {@link SessionWeighting} weights, normalised to sum 1 (the default,
 * {@code last}, feeds the last product alone, as the network was trained).
 *
 * <p>Immutable and thread-safe.
 */
public final class DenseModel implements Recommender {
  private final ProductIndex products;
  private final DenseOptions options;
  private final int n;
  private final int hidden;
  private final float[] w1; // n x hidden
  private final float[] b1; // hidden
  private final float[] w2; // hidden x n
  private final float[] b2; // n

  DenseModel(ProductIndex products, DenseOptions options, int n, int hidden, float[] w1,
      float[] b1, float[] w2, float[] b2) {
    if (n > products.size() || w1.length != (long) n * hidden || b1.length != hidden
        || w2.length != (long) hidden * n || b2.length != n) {
      throw new IllegalArgumentException("weights do not match " + n + " outputs and " + hidden
          + " hidden units");
    }
    this.products = products;
    this.options = options;
    this.n = n;
    this.hidden = hidden;
    this.w1 = w1;
    this.b1 = b1;
    this.w2 = w2;
    this.b2 = b2;
  }

  /**
   * Weights and biases of the network {@code Dense(hidden, relu) -> Dense(n, softmax)} on a
   * one-hot input over {@code n} products: {@code 2 n hidden + hidden + n}; with the talk's
   * {@code hidden = 2n}, {@code 4n^2 + 3n}.
   */
  public static long parameterCount(int n, int hidden) {
    return 2L * n * hidden + hidden + n;
  }

  /** The bytes of those parameters as float32: 4 per parameter (1.30 GB, 1.21 GiB at n = 9,000). */
  public static long float32Bytes(int n, int hidden) {
    return 4 * parameterCount(n, hidden);
  }

  @Override
  public String algorithm() {
    return "dense";
  }

  @Override
  public ProductIndex products() {
    return products;
  }

  public DenseOptions options() {
    return options;
  }

  /** The products the network covers: ordinals {@code [0, outputs())}, the most popular. */
  public int outputs() {
    return n;
  }

  public int hidden() {
    return hidden;
  }

  /** Weights and biases: {@code 2 N H + H + N}. */
  public long parameters() {
    return parameterCount(n, hidden);
  }

  @Override
  public void scoreRelated(int product, float[] scores) {
    scoreNext(new int[] {product}, scores);
  }

  @Override
  public void scoreNext(int[] session, float[] scores) {
    float[] h = new float[hidden];
    if (!hiddenOf(session, h, 0)) {
      java.util.Arrays.fill(scores, 0f);
      return;
    }
    System.arraycopy(b2, 0, scores, 0, n);
    for (int k = 0; k < hidden; k++) {
      if (h[k] > 0) { // most hidden units of a one-hot input are zeroed by the relu
        VectorMath.axpy(h[k], w2, k * n, scores, 0, n);
      }
    }
    softmax(scores, 0);
    java.util.Arrays.fill(scores, n, products.size(), 0f);
  }

  /** Many sessions with one blocked multiply of their hidden layers by the output layer. */
  @Override
  public void scoreNextBatch(List<int[]> sessions, float[][] scores) {
    int q = sessions.size();
    float[] h = new float[q * hidden];
    boolean[] any = new boolean[q];
    for (int i = 0; i < q; i++) {
      any[i] = hiddenOf(sessions.get(i), h, i * hidden);
    }
    float[] z = new float[q * n];
    Gemm.multiply(q, n, hidden, h, 0, hidden, false, w2, 0, n, false, z, 0, n, false, 1);
    for (int i = 0; i < q; i++) {
      float[] out = scores[i];
      if (!any[i]) {
        java.util.Arrays.fill(out, 0f);
        continue;
      }
      for (int j = 0; j < n; j++) {
        out[j] = z[i * n + j] + b2[j];
      }
      softmax(out, 0);
      java.util.Arrays.fill(out, n, products.size(), 0f);
    }
  }

  /** The hidden layer for a session into {@code h[at, at + hidden)}; false if no product is covered. */
  private boolean hiddenOf(int[] session, float[] h, int at) {
    double total = 0;
    int len = session.length;
    for (int i = 0; i < len; i++) {
      if (session[i] < n) {
        total += options.sessionWeighting().weight(i, len, options.lambda());
      }
    }
    if (!(total > 0)) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      int p = session[i];
      if (p < n) {
        float w = (float) (options.sessionWeighting().weight(i, len, options.lambda()) / total);
        if (w != 0) {
          VectorMath.axpy(w, w1, p * hidden, h, at, hidden);
        }
      }
    }
    for (int k = 0; k < hidden; k++) {
      h[at + k] = Math.max(0f, h[at + k] + b1[k]);
    }
    return true;
  }

  /** Softmax of {@code x[at, at + n)} in place, shifted by the maximum for range. */
  void softmax(float[] x, int at) {
    softmax(x, at, n);
  }

  static void softmax(float[] x, int at, int len) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < len; j++) {
      max = Math.max(max, x[at + j]);
    }
    double sum = 0;
    for (int j = 0; j < len; j++) {
      float e = (float) Math.exp(x[at + j] - max);
      x[at + j] = e;
      sum += e;
    }
    float inv = (float) (1 / sum);
    for (int j = 0; j < len; j++) {
      x[at + j] *= inv;
    }
  }

  @Override
  public void write(BinaryWriter out) {
    out.writeDouble(options.hiddenMultiplier());
    out.writeVarInt(options.epochs());
    out.writeVarInt(options.batchSize());
    out.writeDouble(options.learningRate());
    out.writeDouble(options.rho());
    out.writeDouble(options.epsilon());
    out.writeVarInt(options.maxProducts());
    out.writeByte(options.normalizedTarget() ? 1 : 0);
    out.writeByte(options.perEvent() ? 1 : 0);
    out.writeString(options.sessionWeighting().label());
    out.writeDouble(options.lambda());
    out.writeVarInt(n);
    out.writeVarInt(hidden);
    for (float[] a : new float[][] {w1, b1, w2, b2}) {
      for (float v : a) {
        out.writeFloat(v);
      }
    }
  }

  /** Reads what {@link #write} wrote. */
  public static DenseModel read(BinaryReader in, ProductIndex products) {
    DenseOptions o = new DenseOptions(in.readDouble(), in.readVarInt(), in.readVarInt(),
        in.readDouble(), in.readDouble(), in.readDouble(), in.readVarInt(), in.readByte() == 1, in.readByte() == 1,
        SessionWeighting.fromLabel(in.readString()), in.readDouble());
    int n = in.readCount(products.size(), "dense outputs");
    int hidden = in.readVarInt();
    if (hidden < 1 || (long) n * hidden > Integer.MAX_VALUE - 16) {
      throw new dev.aisle.BadInputException(in.source() + ": corrupt dense model: " + n
          + " outputs x " + hidden + " hidden units");
    }
    float[] w1 = floats(in, n * hidden);
    float[] b1 = floats(in, hidden);
    float[] w2 = floats(in, n * hidden);
    float[] b2 = floats(in, n);
    return new DenseModel(products, o, n, hidden, w1, b1, w2, b2);
  }

  private static float[] floats(BinaryReader in, int count) {
    float[] v = new float[count];
    for (int i = 0; i < count; i++) {
      v[i] = in.readFloat();
    }
    return v;
  }

  // for the trainer's snapshots and the gradient test
  float[] w1() {
    return w1;
  }

  float[] b1() {
    return b1;
  }

  float[] w2() {
    return w2;
  }

  float[] b2() {
    return b2;
  }
}
