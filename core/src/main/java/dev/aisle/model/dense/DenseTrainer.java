package dev.aisle.model.dense;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.linalg.Gemm;
import dev.aisle.parallel.Parallel;
import dev.aisle.model.TrainContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Trains {@link DenseModel} the way Keras's {@code model.fit} does: samples shuffled every epoch,
 * mini-batches of {@code batch-size} (the last one smaller), the mean categorical cross-entropy of
 * the batch, its exact gradient by backpropagation, one RMSprop step per batch.
 *
 * <p>A sample is a product of a session (its one-hot input) with the session's other distinct
 * products as the target. Two shortcuts make it fast without changing a single number of the
 * mathematics:
 *
 * <ul>
 *   <li>The first layer of a one-hot input is a row gather, and its gradient touches only the rows
 *       of the batch's products. RMSprop still decays every row's mean square at every step (a
 *       zero gradient changes no weight but shrinks the mean square by {@code rho}), so the decay
 *       of rows a batch did not touch is applied, as {@code rho^steps}, when they are next
 *       touched.
 *   <li>Samples of a batch with the same input product have the same hidden layer and the same
 *       softmax: their gradients add up before the two big multiplies, so the batch costs as many
 *       rows as it has distinct products, not samples.
 * </ul>
 *
 * The three matrix products per batch (forward, the output layer's gradient, the gradient
 * flowing back to the hidden layer) are {@link Gemm} calls on all threads. Over tens of thousands
 * of products one batch takes minutes, so a cancelled training ({@link TrainContext#cancel})
 * ends inside them, between their blocks.
 *
 * <pre>
 * DenseModel m = DenseTrainer.train(corpus, DenseOptions.from(Params.none()),
 *     new TrainContext(42, 2, null, null));
 * </pre>
 *
 * <p>Not thread-safe; one trainer trains one model.
 */
public final class DenseTrainer {
  private final DenseOptions o;
  private final ProductIndex products;
  private final int n;
  private final int h;
  private final int threads;
  private final float[] w1;
  private final float[] b1;
  private final float[] w2;
  private final float[] b2;
  private final float[] aw1;
  private final float[] ab1;
  private final float[] aw2;
  private final float[] ab2;
  private final int[] lastStep;
  private int step;

  // samples: sample i is product sampleInput[i] of session sampleSession[i]; sessions hold their
  // distinct covered products in sessionItems[sessionStart[s], sessionStart[s + 1])
  private final int[] sampleInput;
  private final int[] sampleSession;
  private final int[] sessionStart;
  private final int[] sessionItems;

  // one batch: rows are the batch's distinct input products
  private final int maxRows;
  private final float[] hid; // rows x h: relu(W1[x] + b1)
  private final float[] out; // rows x n: softmax, then the gradient of the logits
  private final float[] dHid; // rows x h: gradient of the hidden layer's input
  private final float[] gw2; // h x n
  private final float[] gb1;
  private final float[] gb2;
  private final int[] rowOf; // product -> row of the current batch, or -1
  private final int[] rowProduct;
  private final float[] rowMass; // per row: sum over its samples of the target's sum
  private int rows;
  private BooleanSupplier cancelled; // the training's, asked inside the matrix products

  private DenseTrainer(Corpus corpus, DenseOptions o, long seed, int threads) {
    this.o = o;
    this.products = corpus.products();
    this.n = o.outputs(products.size());
    this.h = o.hidden(n);
    this.threads = threads;
    if (n < 2) {
      throw new IllegalArgumentException("dense needs at least 2 products, the corpus has " + n);
    }
    if ((long) n * h > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "dense with %,d products "
          + "and %,d hidden units has %,d weights per layer, more than one Java array holds: "
          + "lower -p max-products", n, h, (long) n * h));
    }
    Samples samples = Samples.of(corpus, o);
    sessionStart = samples.sessionStart;
    sessionItems = samples.sessionItems;
    sampleInput = samples.input;
    sampleSession = samples.session;
    maxRows = Math.min(o.batchSize(), n);
    checkMemory(n, h, maxRows);
    // Glorot uniform (Keras's default kernel initializer), zero biases
    SplittableRandom random = new SplittableRandom(seed);
    double limit = Math.sqrt(6.0 / (n + h));
    w1 = glorot(n * h, limit, random);
    w2 = glorot(h * n, limit, random);
    b1 = new float[h];
    b2 = new float[n];
    aw1 = new float[n * h];
    aw2 = new float[h * n];
    ab1 = new float[h];
    ab2 = new float[n];
    lastStep = new int[n];
    hid = new float[maxRows * h];
    out = new float[maxRows * n];
    dHid = new float[maxRows * h];
    gw2 = new float[h * n];
    gb1 = new float[h];
    gb2 = new float[n];
    rowOf = new int[n];
    Arrays.fill(rowOf, -1);
    rowProduct = new int[maxRows];
    rowMass = new float[maxRows];
  }

  /**
   * The training samples of a corpus: sample {@code i} is product {@code input[i]} of session
   * {@code session[i]}; a session's distinct covered products are {@code
   * sessionItems[sessionStart[s], sessionStart[s + 1])}. Sessions with fewer than 2 distinct
   * covered products have no target and give no sample.
   */
  static final class Samples {
    final int[] input;
    final int[] session;
    final int[] sessionStart;
    final int[] sessionItems;

    private Samples(int[] input, int[] session, int[] sessionStart, int[] sessionItems) {
      this.input = input;
      this.session = session;
      this.sessionStart = sessionStart;
      this.sessionItems = sessionItems;
    }

    static Samples of(Corpus corpus, DenseOptions o) {
      int n = o.outputs(corpus.products().size());
      int sessions = corpus.sessionCount();
      int[] seen = new int[n];
      Arrays.fill(seen, -1);
      int[] starts = new int[sessions + 1];
      int[] items = new int[corpus.eventCount()];
      int[] keptSession = new int[sessions];
      int kept = 0;
      int used = 0;
      int count = 0;
      for (int s = 0; s < sessions; s++) {
        int begin = used;
        int covered = 0;
        for (int e = corpus.sessionStart(s); e < corpus.sessionEnd(s); e++) {
          int p = corpus.item(e);
          if (p < n) {
            covered++;
            if (seen[p] != s) {
              seen[p] = s;
              items[used++] = p;
            }
          }
        }
        if (used - begin >= 2) {
          count += o.perEvent() ? covered : used - begin;
          keptSession[kept] = s;
          starts[++kept] = used;
        } else {
          used = begin;
        }
      }
      if (count == 0) {
        throw new IllegalArgumentException("dense needs sessions with at least 2 distinct "
            + "products among the " + n + " it covers; the corpus has none");
      }
      int[] input = new int[count];
      int[] session = new int[count];
      int i = 0;
      for (int k = 0; k < kept; k++) {
        if (o.perEvent()) {
          int s = keptSession[k];
          for (int e = corpus.sessionStart(s); e < corpus.sessionEnd(s); e++) {
            if (corpus.item(e) < n) {
              input[i] = corpus.item(e);
              session[i++] = k;
            }
          }
        } else {
          for (int x = starts[k]; x < starts[k + 1]; x++) {
            input[i] = items[x];
            session[i++] = k;
          }
        }
      }
      return new Samples(input, session, Arrays.copyOf(starts, kept + 1),
          Arrays.copyOf(items, used));
    }
  }

  /** Samples per epoch for {@code corpus} with {@code options}, without building the network. */
  public static int samplesPerEpoch(Corpus corpus, DenseOptions options) {
    return Samples.of(corpus, options).input.length;
  }

  private static float[] glorot(int size, double limit, SplittableRandom random) {
    float[] w = new float[size];
    for (int i = 0; i < size; i++) {
      w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
    }
    return w;
  }

  /** Fails before allocating when training would not fit in this JVM's heap. */
  private static void checkMemory(int n, int h, int rows) {
    long floats = 2 * DenseModel.parameterCount(n, h) // weights and RMSprop's mean squares
        + (long) h * n // the output layer's gradient
        + (long) rows * (2L * h + n) // one batch
        + DenseModel.parameterCount(n, h); // one snapshot
    long need = 4 * floats;
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (need > free) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "dense over %,d products "
          + "(%,d hidden units) needs about %.1f GB to train, this JVM has %.1f GB free: lower "
          + "-p max-products or raise the heap (AISLE_JAVA_OPTS=-Xmx...)", n, h, need / 1e9,
          free / 1e9));
    }
  }

  /** Trains the network on {@code corpus}. */
  public static DenseModel train(Corpus corpus, DenseOptions options, TrainContext context) {
    return create(corpus, options, context.seed(), context.threads()).run(context);
  }

  static DenseTrainer create(Corpus corpus, DenseOptions options, long seed, int threads) {
    return new DenseTrainer(corpus, options, seed, threads);
  }

  private DenseModel run(TrainContext context) {
    context.checkCancelled(); // after building the samples and weights: seconds at 20k products
    cancelled = context.cancel();
    SplittableRandom shuffle = new SplittableRandom(context.seed() ^ 0x5DEECE66DL);
    int samples = sampleInput.length;
    int[] order = new int[samples];
    for (int i = 0; i < samples; i++) {
      order[i] = i;
    }
    long done = 0;
    for (int epoch = 1; epoch <= o.epochs(); epoch++) {
      for (int i = samples - 1; i > 0; i--) { // Fisher-Yates, as fit(shuffle=True)
        int j = shuffle.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int from = 0; from < samples; from += o.batchSize()) {
        int to = Math.min(samples, from + o.batchSize());
        gradients(order, from, to);
        update();
        done += to - from;
        context.progress(done);
        context.checkCancelled();
      }
      context.epochDone(epoch, this::snapshot);
      if (context.stopRequested()) {
        break;
      }
    }
    return snapshot();
  }

  private DenseModel snapshot() {
    return new DenseModel(products, o, n, h, w1.clone(), b1.clone(), w2.clone(), b2.clone());
  }

  int sampleCount() {
    return sampleInput.length;
  }

  /**
   * The gradient of the mean cross-entropy of samples {@code order[from, to)} with respect to
   * every weight, left in the gradient buffers.
   *
   * @return the batch's mean loss (probabilities clipped at 1e-7 as Keras reports it)
   */
  double gradients(int[] order, int from, int to) {
    int batch = to - from;
    // rows: the distinct input products of the batch
    for (int r = 0; r < rows; r++) {
      rowOf[rowProduct[r]] = -1;
    }
    rows = 0;
    for (int i = from; i < to; i++) {
      int s = order[i];
      int p = sampleInput[s];
      if (rowOf[p] < 0) {
        rowOf[p] = rows;
        rowProduct[rows] = p;
        rowMass[rows] = 0;
        rows++;
      }
      rowMass[rowOf[p]] += o.normalizedTarget() ? 1f : others(s);
    }
    int m = rows;
    // forward: hidden = relu(W1[x] + b1), out = softmax(hidden W2 + b2)
    parallelRows(m, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        int src = rowProduct[r] * h;
        int dst = r * h;
        for (int k = 0; k < h; k++) {
          hid[dst + k] = Math.max(0f, w1[src + k] + b1[k]);
        }
      }
    });
    Gemm.multiply(m, n, h, hid, 0, h, false, w2, 0, n, false, out, 0, n, false, threads,
        cancelled);
    parallelRows(m, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        for (int j = 0; j < n; j++) {
          out[r * n + j] += b2[j];
        }
        DenseModel.softmax(out, r * n, n);
      }
    });
    // loss, then the logits' gradient: per row (mass x softmax - sum of targets) / batch
    double loss = 0;
    for (int i = from; i < to; i++) {
      int s = order[i];
      int p = sampleInput[s];
      int row = rowOf[p] * n;
      float y = target(s);
      int sess = sampleSession[s];
      for (int x = sessionStart[sess]; x < sessionStart[sess + 1]; x++) {
        int j = sessionItems[x];
        if (j != p) {
          loss -= y * Math.log(Math.max(out[row + j], 1e-7));
        }
      }
    }
    float inv = 1f / batch;
    parallelRows(m, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        float scale = rowMass[r] * inv;
        for (int j = 0; j < n; j++) {
          out[r * n + j] *= scale;
        }
      }
    });
    for (int i = from; i < to; i++) {
      int s = order[i];
      int p = sampleInput[s];
      int row = rowOf[p] * n;
      float y = target(s) * inv;
      int sess = sampleSession[s];
      for (int x = sessionStart[sess]; x < sessionStart[sess + 1]; x++) {
        int j = sessionItems[x];
        if (j != p) {
          out[row + j] -= y;
        }
      }
    }
    Arrays.fill(gb2, 0f);
    for (int r = 0; r < m; r++) {
      for (int j = 0; j < n; j++) {
        gb2[j] += out[r * n + j];
      }
    }
    // backward: gW2 = hidden^T out, dHidden = (out W2^T) where hidden > 0
    Gemm.multiply(h, n, m, hid, 0, h, true, out, 0, n, false, gw2, 0, n, false, threads,
        cancelled);
    Gemm.multiply(m, h, n, out, 0, n, false, w2, 0, n, true, dHid, 0, h, false, threads,
        cancelled);
    Arrays.fill(gb1, 0f);
    for (int r = 0; r < m; r++) {
      for (int k = 0; k < h; k++) {
        int at = r * h + k;
        if (hid[at] <= 0) {
          dHid[at] = 0f;
        }
        gb1[k] += dHid[at];
      }
    }
    return loss / batch;
  }

  /** The session's other products: the target's sum for a multi-hot target. */
  private int others(int sample) {
    int sess = sampleSession[sample];
    return sessionStart[sess + 1] - sessionStart[sess] - 1;
  }

  /** The target's value at each of the session's other products. */
  private float target(int sample) {
    return o.normalizedTarget() ? 1f / others(sample) : 1f;
  }

  /** One RMSprop step with the gradients of {@link #gradients} (Keras 2's update rule). */
  void update() {
    step++;
    float lr = (float) o.learningRate();
    float rho = (float) o.rho();
    float eps = (float) o.epsilon();
    parallelRows(h, (k0, k1) -> rmsprop(w2, aw2, gw2, k0 * n, k1 * n, lr, rho, eps));
    rmsprop(b2, ab2, gb2, 0, n, lr, rho, eps);
    rmsprop(b1, ab1, gb1, 0, h, lr, rho, eps);
    int t = step;
    parallelRows(rows, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        int p = rowProduct[r];
        int idle = t - 1 - lastStep[p];
        if (idle > 0) { // steps with a zero gradient for this row: only the decay
          float decay = (float) Math.pow(o.rho(), idle);
          for (int k = p * h, end = k + h; k < end; k++) {
            aw1[k] *= decay;
          }
        }
        lastStep[p] = t;
        int w = p * h;
        int g = r * h;
        for (int k = 0; k < h; k++) {
          float gv = dHid[g + k];
          float a = rho * aw1[w + k] + (1 - rho) * gv * gv;
          aw1[w + k] = a;
          w1[w + k] -= lr * gv / ((float) Math.sqrt(a) + eps);
        }
      }
    });
  }

  private static void rmsprop(float[] w, float[] acc, float[] g, int from, int to, float lr,
      float rho, float eps) {
    for (int i = from; i < to; i++) {
      float gv = g[i];
      float a = rho * acc[i] + (1 - rho) * gv * gv;
      acc[i] = a;
      w[i] -= lr * gv / ((float) Math.sqrt(a) + eps);
    }
  }

  /** A range of rows for one worker. */
  @FunctionalInterface
  private interface RowRange {
    void run(int from, int to);
  }

  private void parallelRows(int count, RowRange body) {
    int t = count < 64 ? 1 : Math.min(threads, count);
    Parallel.run(t, w -> body.run((int) ((long) count * w / t), (int) ((long) count * (w + 1) / t)));
  }

  // for the gradient test
  int outputs() {
    return n;
  }

  int hiddenUnits() {
    return h;
  }

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

  float[] gradW2() {
    return gw2;
  }

  float[] gradB1() {
    return gb1;
  }

  float[] gradB2() {
    return gb2;
  }

  /** The gradient of row {@code product} of W1 in the last batch (zeros if absent). */
  float[] gradW1Row(int product) {
    int r = rowOf[product];
    return r < 0 ? new float[h] : Arrays.copyOfRange(dHid, r * h, r * h + h);
  }
}
