package dev.aisle.model.glove;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.linalg.CsrMatrix;
import dev.aisle.linalg.VectorMath;
import dev.aisle.model.Cooccurrence;
import dev.aisle.parallel.Parallel;
import dev.aisle.model.ProductVectors;
import dev.aisle.model.TrainContext;
import java.util.SplittableRandom;

/**
 * GloVe (Pennington, Socher and Manning, "GloVe: Global Vectors for Word Representation", EMNLP
 * 2014) on session co-occurrences, as the reference {@code glove.c} trains it: for every non-zero
 * count {@code X_ij}, in shuffled order, one AdaGrad step on
 *
 * <pre>
 * f(X_ij) (w_i . w~_j + b_i + b~_j - log X_ij)^2,   f(x) = min(1, (x / x_max)^alpha)
 * </pre>
 *
 * with per-weight squared-gradient sums starting at 1, gradients clipped at 100, and threads
 * updating the shared weights without locks (Hogwild; with one thread and a seed the model is the
 * same bit for bit). The product vectors are {@code w + w~}, the sum the paper recommends.
 *
 * <pre>
 * GloveModel m = GloveTrainer.train(corpus, GloveOptions.from(Params.none()),
 *     new TrainContext(42, 2, null, null));
 * </pre>
 */
public final class GloveTrainer {
  private static final float GRAD_CLIP = 100f;
  /** Steps between cancellation checks (a power of two). */
  private static final int CHECK_EVERY = 1 << 16;

  private final GloveOptions o;
  private final ProductIndex products;
  private final int dim;
  private final int[] rows;
  private final int[] cols;
  private final float[] logX;
  private final float[] weight;
  private final float[] w;
  private final float[] wc;
  private final float[] b;
  private final float[] bc;
  private final float[] gw;
  private final float[] gwc;
  private final float[] gb;
  private final float[] gbc;

  private GloveTrainer(Corpus corpus, GloveOptions o, TrainContext context) {
    this.o = o;
    this.products = corpus.products();
    this.dim = o.dim();
    int n = products.size();
    CsrMatrix x = Cooccurrence.count(corpus, o.window(), o.distanceWeighting(),
        context.threads());
    context.checkCancelled();
    int nnz = x.nonZeros();
    rows = new int[nnz];
    cols = new int[nnz];
    logX = new float[nnz];
    weight = new float[nnz];
    for (int i = 0; i < n; i++) {
      for (int e = x.rowStart(i); e < x.rowEnd(i); e++) {
        double v = x.value(e);
        rows[e] = i;
        cols[e] = x.column(e);
        logX[e] = (float) Math.log(v);
        weight[e] = (float) (v >= o.xMax() ? 1 : Math.pow(v / o.xMax(), o.alpha()));
      }
    }
    SplittableRandom random = new SplittableRandom(context.seed());
    w = init(n * dim, random);
    wc = init(n * dim, random);
    b = init(n, random);
    bc = init(n, random);
    gw = ones(n * dim);
    gwc = ones(n * dim);
    gb = ones(n);
    gbc = ones(n);
  }

  private float[] init(int size, SplittableRandom random) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) ((random.nextDouble() - 0.5) / dim);
    }
    return v;
  }

  private static float[] ones(int size) {
    float[] v = new float[size];
    java.util.Arrays.fill(v, 1f);
    return v;
  }

  /** Trains GloVe vectors for the products of {@code corpus}. */
  public static GloveModel train(Corpus corpus, GloveOptions options, TrainContext context) {
    return new GloveTrainer(corpus, options, context).run(context);
  }

  private GloveModel run(TrainContext context) {
    int nnz = rows.length;
    int[] order = new int[nnz];
    for (int i = 0; i < nnz; i++) {
      order[i] = i;
    }
    SplittableRandom shuffle = new SplittableRandom(context.seed() ^ 0x9E3779B97F4A7C15L);
    int threads = Math.max(1, Math.min(context.threads(), nnz));
    for (int epoch = 1; epoch <= o.epochs(); epoch++) {
      for (int i = nnz - 1; i > 0; i--) {
        int j = shuffle.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      Parallel.run(threads, t -> {
        int from = (int) ((long) nnz * t / threads);
        int to = (int) ((long) nnz * (t + 1) / threads);
        for (int i = from; i < to; i++) {
          if ((i - from & CHECK_EVERY - 1) == 0) {
            context.checkCancelled();
          }
          step(order[i]);
        }
      });
      context.progress((long) epoch * nnz);
      context.epochDone(epoch, this::snapshot);
      if (context.stopRequested()) {
        break;
      }
    }
    return snapshot();
  }

  /** One AdaGrad step on one count, as glove.c's inner loop. */
  private void step(int e) {
    int i = rows[e];
    int j = cols[e];
    int l1 = i * dim;
    int l2 = j * dim;
    float diff = VectorMath.dot(w, l1, wc, l2, dim) + b[i] + bc[j] - logX[e];
    float fdiff = weight[e] * diff * (float) o.eta();
    for (int k = 0; k < dim; k++) {
      float t1 = Math.max(-GRAD_CLIP, Math.min(GRAD_CLIP, fdiff * wc[l2 + k]));
      float t2 = Math.max(-GRAD_CLIP, Math.min(GRAD_CLIP, fdiff * w[l1 + k]));
      w[l1 + k] -= t1 / (float) Math.sqrt(gw[l1 + k]);
      wc[l2 + k] -= t2 / (float) Math.sqrt(gwc[l2 + k]);
      gw[l1 + k] += t1 * t1;
      gwc[l2 + k] += t2 * t2;
    }
    b[i] -= fdiff / (float) Math.sqrt(gb[i]);
    bc[j] -= fdiff / (float) Math.sqrt(gbc[j]);
    gb[i] += fdiff * fdiff;
    gbc[j] += fdiff * fdiff;
  }

  /** The vectors {@code w + w~} as they are now. */
  private GloveModel snapshot() {
    float[] v = new float[w.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = w[i] + wc[i];
    }
    return new GloveModel(products, o, new ProductVectors(products.size(), dim, v));
  }
}
