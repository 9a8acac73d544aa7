package dev.aisle.model.gru4rec;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.linalg.Gemm;
import dev.aisle.linalg.VectorMath;
import dev.aisle.model.TrainContext;
import dev.aisle.parallel.Parallel;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains {@link Gru4RecModel} as the official GRU4Rec does (Hidasi and Czapp, RecSys 2023; the
 * reference PyTorch code, {@code gru4rec_pytorch.py}):
 *
 * <ul>
 *   <li>Session-parallel mini-batches: {@code batch-size} sessions, in order of start time, are
 *       walked side by side, one event per step; a finished session's row takes the next session
 *       and its hidden state is reset to zero; when no session is left the batch shrinks.
 *   <li>One step is one mini-batch: the GRU advances every row by one product and is trained to
 *       score the row's next product (the state coming in is a constant, as the original detaches
 *       it).
 *   <li>Output columns are the batch's own next products plus {@code n-sample} products drawn
 *       for the whole batch with probability proportional to popularity^{@code sample-alpha}.
 *       The loss is the softmax cross-entropy of each row's own target among these columns,
 *       summed over rows and divided by {@code batch-size}; with logQ correction each column's
 *       logit first loses {@code logq} times the log of its sampling weight (the product's count
 *       for the batch's targets, count^alpha for the drawn ones, as in the original).
 *   <li>Adagrad with optional momentum ({@code IndexedAdagradM}): embedding rows are updated only
 *       where a batch touched them, their gradients summed first; epsilon 1e-6.
 *   <li>Weights initialised uniformly in {@code +-sqrt(6 / (rows + columns))} of each block (the
 *       original's compatibility mode), biases zero.
 * </ul>
 *
 * The five matrix products per step (the two GRU projections, the logits, and their gradients)
 * are {@link Gemm} calls on the context's threads, and the threads share the Adagrad update
 * ({@link VectorMath#adagrad}); with a fixed seed and thread count the model is the same bit for
 * bit.
 *
 * <pre>
 * Gru4RecModel m = Gru4RecTrainer.train(corpus, Gru4RecOptions.from(Params.none()),
 *     new TrainContext(42, 2, null, null));
 * </pre>
 *
 * <p>Not thread-safe; one trainer trains one model.
 */
public final class Gru4RecTrainer {
  private static final float EPSILON = 1e-6f;
  /** Steps between checks of {@link TrainContext#stopRequested} inside an epoch. */
  private static final int STOP_CHECK_STEPS = 256;
  /**
   * A logit this far below the row's largest has probability 0: e^-60 is 8.7e-27, nothing next
   * to the largest's 1 in a float sum, and smaller probabilities would end up as subnormal
   * floats, each costing an x86 core a microcode assist in the products that follow.
   */
  private static final float MIN_LOGIT = -60f;
  /** Below this many weights to update, one thread updates them all. */
  private static final long PARALLEL_UPDATE = 1L << 15;

  private final Gru4RecOptions o;
  private final ProductIndex products;
  private final int n;
  private final int h;
  private final int threads;
  private final SplittableRandom random;

  // weights, their Adagrad sums of squared gradients, and momenta (null without momentum)
  private final float[] wy;
  private final float[] by;
  private final float[] emb;
  private final float[] wih;
  private final float[] whh;
  private final float[] bih;
  private final float[] bhh;
  private final float[] accWy;
  private final float[] accBy;
  private final float[] accEmb;
  private final float[] accWih;
  private final float[] accWhh;
  private final float[] accBih;
  private final float[] accBhh;
  private final float[] momWy;
  private final float[] momBy;
  private final float[] momEmb;
  private final float[] momWih;
  private final float[] momWhh;
  private final float[] momBih;
  private final float[] momBhh;

  // the training sessions (two events or more), in order of start time
  private final int[] items;
  private final int[] sessionStart;
  private final int[] sessionEnd;
  private final double[] sampleCdf; // cumulative count^alpha, normalised
  private final float[] logCount; // log of a product's count: the logQ of a batch's target
  private final float[] logCountAlpha; // alpha log count: the logQ of a drawn negative

  // one step; rows are the batch's sessions, at most batch-size
  private final int bmax;
  private final int smax;
  private final int[] rowSession;
  private final int[] rowPos;
  private int rows;
  private int nextSession;
  private final float[] prev; // bmax x h: the state coming in
  private final float[] state; // bmax x h: the state going out (after dropout), carried on
  private final float[] x; // bmax x h: input embeddings after dropout
  private final float[] xMask; // dropout scale of x, or null
  private final float[] hMask; // dropout scale of the new state, or null
  private final float[] gi; // bmax x 3h
  private final float[] gh; // bmax x 3h
  private final float[] r;
  private final float[] z;
  private final float[] nn;
  private final int[] inputs; // bmax
  private final int[] cols; // smax: the batch's targets, then the drawn negatives
  private final float[] out; // smax x h: output weights of the columns
  private final float[] logits; // bmax x smax, then their gradients
  private final float[] dOut; // smax x h
  private final float[] dState; // bmax x h
  private final float[] dGi; // bmax x 3h
  private final float[] dGh; // bmax x 3h
  private final float[] dX; // bmax x h
  private final float[] gWih; // 3h x h
  private final float[] gWhh;
  private final float[] gBih; // 3h
  private final float[] gBhh;
  private final RowGradients outputGrad; // rows of wy and by
  private final RowGradients inputGrad; // rows of an unconstrained input embedding, or null

  private Gru4RecTrainer(Corpus corpus, Gru4RecOptions o, long seed, int threads) {
    this.o = o;
    this.products = corpus.products();
    this.n = products.size();
    this.h = o.layers();
    this.threads = threads;
    int sessions = corpus.sessionCount();
    int kept = 0;
    int[] starts = new int[sessions];
    int[] ends = new int[sessions];
    for (int s = 0; s < sessions; s++) {
      if (corpus.sessionLength(s) >= 2) {
        starts[kept] = corpus.sessionStart(s);
        ends[kept++] = corpus.sessionEnd(s);
      }
    }
    if (kept == 0) {
      throw new IllegalArgumentException("gru4rec learns from sessions of at least 2 events; "
          + "the corpus has none");
    }
    sessionStart = Arrays.copyOf(starts, kept);
    sessionEnd = Arrays.copyOf(ends, kept);
    items = new int[corpus.eventCount()];
    int[] counts = new int[n];
    for (int e = 0; e < items.length; e++) {
      items[e] = corpus.item(e);
      counts[items[e]]++;
    }
    sampleCdf = new double[n];
    logCount = new float[n];
    logCountAlpha = new float[n];
    double total = 0;
    for (int p = 0; p < n; p++) {
      double w = o.sampleAlpha() == 0 ? 1 : Math.pow(counts[p], o.sampleAlpha());
      total += w;
      sampleCdf[p] = total;
      logCount[p] = counts[p] == 0 ? 0f : (float) Math.log(counts[p]);
      logCountAlpha[p] = (float) (o.sampleAlpha() * logCount[p]);
    }
    for (int p = 0; p < n; p++) {
      sampleCdf[p] /= total;
    }
    sampleCdf[n - 1] = 1;
    bmax = o.batchSize();
    smax = bmax + o.nSample();
    checkMemory();
    random = new SplittableRandom(seed);
    wy = uniform(n * h, n + h);
    by = new float[n];
    emb = o.constrainedEmbedding() ? wy : uniform(n * h, n + h);
    wih = uniform(3 * h * h, h + h);
    whh = uniform(3 * h * h, h + h);
    bih = new float[3 * h];
    bhh = new float[3 * h];
    accWy = new float[n * h];
    accBy = new float[n];
    accEmb = o.constrainedEmbedding() ? accWy : new float[n * h];
    accWih = new float[3 * h * h];
    accWhh = new float[3 * h * h];
    accBih = new float[3 * h];
    accBhh = new float[3 * h];
    boolean mom = o.momentum() > 0;
    momWy = mom ? new float[n * h] : null;
    momBy = mom ? new float[n] : null;
    momEmb = !mom ? null : o.constrainedEmbedding() ? momWy : new float[n * h];
    momWih = mom ? new float[3 * h * h] : null;
    momWhh = mom ? new float[3 * h * h] : null;
    momBih = mom ? new float[3 * h] : null;
    momBhh = mom ? new float[3 * h] : null;
    rowSession = new int[bmax];
    rowPos = new int[bmax];
    prev = new float[bmax * h];
    state = new float[bmax * h];
    x = new float[bmax * h];
    xMask = o.dropoutEmbed() > 0 ? new float[bmax * h] : null;
    hMask = o.dropoutHidden() > 0 ? new float[bmax * h] : null;
    gi = new float[bmax * 3 * h];
    gh = new float[bmax * 3 * h];
    r = new float[bmax * h];
    z = new float[bmax * h];
    nn = new float[bmax * h];
    inputs = new int[bmax];
    cols = new int[smax];
    out = new float[smax * h];
    logits = new float[bmax * smax];
    dOut = new float[smax * h];
    dState = new float[bmax * h];
    dGi = new float[bmax * 3 * h];
    dGh = new float[bmax * 3 * h];
    dX = new float[bmax * h];
    gWih = new float[3 * h * h];
    gWhh = new float[3 * h * h];
    gBih = new float[3 * h];
    gBhh = new float[3 * h];
    outputGrad = new RowGradients(n, Math.min(n, smax + bmax), h);
    inputGrad = o.constrainedEmbedding() ? null : new RowGradients(n, Math.min(n, bmax), h);
  }

  /** A trainer with its first batch of sessions in place, for the tests. */
  static Gru4RecTrainer create(Corpus corpus, Gru4RecOptions options, long seed, int threads) {
    Gru4RecTrainer t = new Gru4RecTrainer(corpus, options, seed, threads);
    t.start();
    return t;
  }

  /** Trains the network on {@code corpus}. */
  public static Gru4RecModel train(Corpus corpus, Gru4RecOptions options, TrainContext context) {
    return new Gru4RecTrainer(corpus, options, context.seed(), context.threads()).run(context);
  }

  /** Uniform in {@code +-sqrt(6 / fans)}. */
  private float[] uniform(int size, int fans) {
    double sigma = Math.sqrt(6.0 / fans);
    float[] w = new float[size];
    for (int i = 0; i < size; i++) {
      w[i] = (float) ((random.nextDouble() * 2 - 1) * sigma);
    }
    return w;
  }

  /** Fails before allocating when training would not fit in this JVM's heap. */
  private void checkMemory() {
    long embeddings = (long) n * h * (o.constrainedEmbedding() ? 1 : 2);
    long perWeight = o.momentum() > 0 ? 3 : 2; // weight, squared-gradient sum, momentum
    long floats = perWeight * (embeddings + n + 6L * h * h)
        + embeddings + n // one snapshot
        + (long) smax * h * 2 + (long) bmax * smax + 16L * bmax * h;
    long need = 4 * floats;
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (need > free) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "gru4rec over %,d products "
          + "with %d units needs about %.1f GB to train, this JVM has %.1f GB free: lower -p "
          + "layers or raise the heap (AISLE_JAVA_OPTS=-Xmx...)", n, h, need / 1e9, free / 1e9));
    }
  }

  private Gru4RecModel run(TrainContext context) {
    long done = 0;
    for (int epoch = 1; epoch <= o.epochs(); epoch++) {
      double loss = 0;
      start();
      int steps = 0;
      while (rows > 0) {
        if (o.nSample() == 0 && rows < 2) {
          break; // no negative left for a lone row, as the original stops there
        }
        loss += gradients();
        update();
        done += rows;
        advance();
        if (++steps % STOP_CHECK_STEPS == 0) {
          context.progress(done);
          if (context.stopRequested()) {
            return snapshot();
          }
        }
      }
      if (Double.isNaN(loss)) {
        throw new IllegalStateException(String.format(Locale.ROOT, "gru4rec diverged in epoch "
            + "%d (the loss is NaN): lower -p learning-rate (was %s)", epoch, o.learningRate()));
      }
      context.progress(done);
      context.epochDone(epoch, this::snapshot);
      if (context.stopRequested()) {
        break;
      }
    }
    return snapshot();
  }

  private Gru4RecModel snapshot() {
    float[] w = wy.clone();
    return new Gru4RecModel(products, o, w, by.clone(), o.constrainedEmbedding() ? w
        : emb.clone(), wih.clone(), whh.clone(), bih.clone(), bhh.clone());
  }

  /** Fills the batch with the first sessions. */
  private void start() {
    rows = Math.min(bmax, sessionStart.length);
    for (int b = 0; b < rows; b++) {
      rowSession[b] = b;
      rowPos[b] = sessionStart[b];
    }
    Arrays.fill(prev, 0f);
    nextSession = rows;
  }

  /**
   * Moves every row one event on, its state going out becoming its state coming in; a row whose
   * session has no next event takes the next session with a zero state, or leaves the batch when
   * none is left.
   */
  void advance() {
    int kept = 0;
    for (int b = 0; b < rows; b++) {
      int pos = rowPos[b] + 1;
      int session = rowSession[b];
      boolean reset = false;
      if (pos + 1 >= sessionEnd[session]) {
        if (nextSession >= sessionStart.length) {
          continue; // the row leaves the batch
        }
        session = nextSession++;
        pos = sessionStart[session];
        reset = true;
      }
      rowSession[kept] = session;
      rowPos[kept] = pos;
      if (reset) {
        Arrays.fill(prev, kept * h, kept * h + h, 0f);
      } else {
        System.arraycopy(state, b * h, prev, kept * h, h);
      }
      kept++;
    }
    rows = kept;
  }

  /**
   * Forward and backward for the rows' current events: the gradients of the mini-batch's loss,
   * left in the gradient buffers for {@link #update}.
   *
   * @return the mini-batch's loss (the sum over rows, over {@code batch-size})
   */
  double gradients() {
    int m = rows;
    int s = m + o.nSample();
    int h3 = 3 * h;
    // inputs, targets, negatives
    for (int b = 0; b < m; b++) {
      inputs[b] = items[rowPos[b]];
      cols[b] = items[rowPos[b] + 1];
    }
    for (int j = m; j < s; j++) {
      cols[j] = sample();
    }
    for (int b = 0; b < m; b++) {
      System.arraycopy(emb, inputs[b] * h, x, b * h, h);
    }
    dropout(x, xMask, m * h, o.dropoutEmbed());
    // GRU step: gi = x W_ih^T + b_ih, gh = prev W_hh^T + b_hh
    Gemm.multiply(m, h3, h, x, 0, h, false, wih, 0, h, true, gi, 0, h3, false, threads);
    Gemm.multiply(m, h3, h, prev, 0, h, false, whh, 0, h, true, gh, 0, h3, false, threads);
    for (int b = 0; b < m; b++) {
      for (int k = 0; k < h3; k++) {
        gi[b * h3 + k] += bih[k];
        gh[b * h3 + k] += bhh[k];
      }
      GruCell.gates(h, gi, b * h3, gh, b * h3, prev, b * h, r, z, nn, b * h, state, b * h);
    }
    dropout(state, hMask, m * h, o.dropoutHidden());
    // logits of the columns, logQ-corrected, softmax
    for (int j = 0; j < s; j++) {
      System.arraycopy(wy, cols[j] * h, out, j * h, h);
    }
    Gemm.multiply(m, s, h, state, 0, h, false, out, 0, h, true, logits, 0, s, false, threads);
    float logq = (float) o.logq();
    double loss = 0;
    float scale = 1f / o.batchSize();
    for (int b = 0; b < m; b++) {
      int row = b * s;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < s; j++) {
        float v = logits[row + j] + by[cols[j]];
        if (logq != 0) {
          v -= logq * (j < m ? logCount[cols[j]] : logCountAlpha[cols[j]]);
        }
        logits[row + j] = v;
        max = Math.max(max, v);
      }
      double sum = 0;
      for (int j = 0; j < s; j++) {
        float d = logits[row + j] - max;
        float e = d < MIN_LOGIT ? 0f : (float) Math.exp(d);
        logits[row + j] = e;
        sum += e;
      }
      float inv = (float) (1 / sum);
      for (int j = 0; j < s; j++) {
        logits[row + j] *= inv;
      }
      loss -= Math.log(logits[row + b] + 1e-24);
      // the gradient of the loss by the logits: (softmax - one-hot) / batch-size
      for (int j = 0; j < s; j++) {
        logits[row + j] *= scale;
      }
      logits[row + b] -= scale;
    }
    // backward through the output layer
    Gemm.multiply(s, h, m, logits, 0, s, true, state, 0, h, false, dOut, 0, h, false, threads);
    Gemm.multiply(m, h, s, logits, 0, s, false, out, 0, h, false, dState, 0, h, false, threads);
    if (hMask != null) {
      for (int i = 0; i < m * h; i++) {
        dState[i] *= hMask[i];
      }
    }
    // backward through the GRU gates (the incoming state is a constant)
    for (int b = 0; b < m; b++) {
      int g = b * h3;
      for (int k = 0; k < h; k++) {
        int i = b * h + k;
        float dh = dState[i];
        float rk = r[i];
        float zk = z[i];
        float nk = nn[i];
        float dn = dh * (1 - zk) * (1 - nk * nk);
        float dz = dh * (prev[i] - nk) * zk * (1 - zk);
        float dr = dn * gh[g + 2 * h + k] * rk * (1 - rk);
        dGi[g + k] = dr;
        dGi[g + h + k] = dz;
        dGi[g + 2 * h + k] = dn;
        dGh[g + k] = dr;
        dGh[g + h + k] = dz;
        dGh[g + 2 * h + k] = dn * rk;
      }
    }
    Gemm.multiply(h3, h, m, dGi, 0, h3, true, x, 0, h, false, gWih, 0, h, false, threads);
    Gemm.multiply(h3, h, m, dGh, 0, h3, true, prev, 0, h, false, gWhh, 0, h, false, threads);
    Gemm.multiply(m, h, h3, dGi, 0, h3, false, wih, 0, h, false, dX, 0, h, false, threads);
    if (xMask != null) {
      for (int i = 0; i < m * h; i++) {
        dX[i] *= xMask[i];
      }
    }
    Arrays.fill(gBih, 0f);
    Arrays.fill(gBhh, 0f);
    for (int b = 0; b < m; b++) {
      for (int k = 0; k < h3; k++) {
        gBih[k] += dGi[b * h3 + k];
        gBhh[k] += dGh[b * h3 + k];
      }
    }
    // the embedding rows' gradients, summed by product
    for (int j = 0; j < s; j++) {
      float db = 0;
      for (int b = 0; b < m; b++) {
        db += logits[b * s + j];
      }
      outputGrad.add(cols[j], dOut, j * h, db);
    }
    RowGradients in = o.constrainedEmbedding() ? outputGrad : inputGrad;
    for (int b = 0; b < m; b++) {
      in.add(inputs[b], dX, b * h, Float.NaN);
    }
    return loss / o.batchSize();
  }

  /**
   * Adagrad with the gradients of {@link #gradients}: every GRU weight, the touched rows. The
   * threads split each weight matrix, and the touched rows, into contiguous ranges: every float
   * is updated on its own, so the result does not depend on the split.
   */
  void update() {
    float lr = (float) o.learningRate();
    float mu = (float) o.momentum();
    RowGradients out = outputGrad;
    RowGradients in = inputGrad;
    int inRows = in == null ? 0 : in.count;
    long work = 6L * h * h + (long) (out.count + inRows) * h;
    int workers = work < PARALLEL_UPDATE ? 1 : threads;
    Parallel.run(workers, t -> {
      adagradRange(wih, accWih, momWih, gWih, 3 * h * h, t, workers, lr, mu);
      adagradRange(whh, accWhh, momWhh, gWhh, 3 * h * h, t, workers, lr, mu);
      adagradRange(bih, accBih, momBih, gBih, 3 * h, t, workers, lr, mu);
      adagradRange(bhh, accBhh, momBhh, gBhh, 3 * h, t, workers, lr, mu);
      for (int u = out.count * t / workers, end = out.count * (t + 1) / workers; u < end; u++) {
        int p = out.touched[u];
        VectorMath.adagrad(wy, accWy, momWy, p * h, out.grad, u * h, h, lr, mu, EPSILON);
        if (out.hasBias[u]) {
          VectorMath.adagrad(by, accBy, momBy, p, out.bias, u, 1, lr, mu, EPSILON);
        }
      }
      for (int u = inRows * t / workers, end = inRows * (t + 1) / workers; u < end; u++) {
        VectorMath.adagrad(emb, accEmb, momEmb, in.touched[u] * h, in.grad, u * h, h, lr, mu,
            EPSILON);
      }
    });
    out.clear();
    if (in != null) {
      in.clear();
    }
  }

  /** Worker {@code t} of {@code workers}'s share of an Adagrad step on all of {@code w}. */
  private static void adagradRange(float[] w, float[] acc, float[] mom, float[] g, int len,
      int t, int workers, float lr, float mu) {
    int from = (int) ((long) len * t / workers);
    int to = (int) ((long) len * (t + 1) / workers);
    VectorMath.adagrad(w, acc, mom, from, g, from, to - from, lr, mu, EPSILON);
  }

  /** A product drawn with probability proportional to count^alpha. */
  private int sample() {
    double u = random.nextDouble();
    int i = Arrays.binarySearch(sampleCdf, u);
    i = i < 0 ? -i - 1 : i + 1; // the first whose cumulative weight exceeds u
    return Math.min(i, n - 1);
  }

  /** Inverted dropout of {@code v[0, len)}: each zeroed with probability p, else scaled. */
  private void dropout(float[] v, float[] mask, int len, double p) {
    if (mask == null) {
      return;
    }
    float keep = (float) (1 / (1 - p));
    for (int i = 0; i < len; i++) {
      mask[i] = random.nextDouble() < p ? 0f : keep;
      v[i] *= mask[i];
    }
  }

  /**
   * The gradients of one step for the rows of an embedding it touched, summed by row: the
   * original's sparse gradients, coalesced before the non-linear Adagrad update.
   */
  static final class RowGradients {
    private final int h;
    private final int[] slotOf; // by product, -1 when untouched
    final int[] touched;
    final float[] grad; // touched x h
    final float[] bias; // touched
    final boolean[] hasBias; // the bias had a gradient (the row was an output column)
    int count;

    RowGradients(int products, int max, int h) {
      this.h = h;
      slotOf = new int[products];
      Arrays.fill(slotOf, -1);
      touched = new int[max];
      grad = new float[max * h];
      bias = new float[max];
      hasBias = new boolean[max];
    }

    /** Adds {@code g[go, go + h)} to row {@code p}'s gradient and {@code db} (unless NaN) to its bias's. */
    void add(int p, float[] g, int go, float db) {
      int slot = slotOf[p];
      if (slot < 0) {
        slot = count++;
        slotOf[p] = slot;
        touched[slot] = p;
        Arrays.fill(grad, slot * h, slot * h + h, 0f);
        bias[slot] = 0;
        hasBias[slot] = false;
      }
      VectorMath.axpy(1f, g, go, grad, slot * h, h);
      if (!Float.isNaN(db)) {
        bias[slot] += db;
        hasBias[slot] = true;
      }
    }

    /** Row {@code p}'s gradient, zeros if untouched: for the tests. */
    float[] row(int p) {
      int slot = slotOf[p];
      return slot < 0 ? new float[h] : Arrays.copyOfRange(grad, slot * h, slot * h + h);
    }

    /** Row {@code p}'s bias gradient, 0 if it had none: for the tests. */
    float biasOf(int p) {
      int slot = slotOf[p];
      return slot < 0 || !hasBias[slot] ? 0f : bias[slot];
    }

    void clear() {
      for (int u = 0; u < count; u++) {
        slotOf[touched[u]] = -1;
      }
      count = 0;
    }
  }

  // for the gradient test
  int rows() {
    return rows;
  }

  int[] inputs() {
    return Arrays.copyOf(inputs, rows);
  }

  int[] columns() {
    return Arrays.copyOf(cols, rows + o.nSample());
  }

  float[] incomingState() {
    return Arrays.copyOf(prev, rows * h);
  }

  float[][] weights() {
    return new float[][] {wy, by, emb, wih, whh, bih, bhh};
  }

  float[][] denseGradients() {
    return new float[][] {gWih, gWhh, gBih, gBhh};
  }

  RowGradients outputGradients() {
    return outputGrad;
  }

  /** The input embedding's row gradients: the output's when the embedding is constrained. */
  RowGradients inputGradients() {
    return inputGrad == null ? outputGrad : inputGrad;
  }
}
