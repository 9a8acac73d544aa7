package dev.aisle.model.item2vec;

import dev.aisle.corpus.Corpus;
import dev.aisle.linalg.VectorMath;
import dev.aisle.parallel.Parallel;
import dev.aisle.model.TrainContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Skip-gram with negative sampling over sessions, word2vec's algorithm written for speed: flat
 * float arrays, a precomputed sigmoid, a unigram^0.75 noise table, word2vec's linear congruential
 * generator per thread, and lock-free (Hogwild) updates shared by all threads.
 *
 * <pre>
 * Item2VecModel m = Item2VecTrainer.train(corpus, Item2VecOptions.from(Params.none()),
 *     new TrainContext(11, 1, null, null));
 * </pre>
 */
public final class Item2VecTrainer {
  private static final int EXP_TABLE_SIZE = 1000;
  private static final int MAX_EXP = 6;
  private static final float[] EXP_TABLE = new float[EXP_TABLE_SIZE];

  static {
    for (int i = 0; i < EXP_TABLE_SIZE; i++) {
      double e = Math.exp((i / (double) EXP_TABLE_SIZE * 2 - 1) * MAX_EXP);
      EXP_TABLE[i] = (float) (e / (e + 1));
    }
  }

  private final Item2VecOptions o;
  private final dev.aisle.corpus.ProductIndex products;
  private final int n;
  private final int dim;
  private final int[] offsets;
  private final int[] items;
  private final float[] syn0;
  private final float[] syn1;
  private final float[] noiseProbability; // Walker's alias method over unigram^0.75
  private final int[] noiseAlias;
  private final float[] keepProbability;
  private final long totalWords;
  private final AtomicLong wordsDone = new AtomicLong();
  private final double scheduleFrom;
  private final double scheduleTo;

  private Item2VecTrainer(Corpus corpus, Item2VecOptions o, long seed) {
    this(corpus, o, seed, null, null, 1, 0);
  }

  /**
   * @param in input vectors to continue from (trained in place), or null to start afresh
   * @param out output vectors to continue from, or null
   * @param scheduleFrom the fraction of the learning rate this run starts at (1 = alpha)
   * @param scheduleTo the fraction it would reach at the end of this run (0 for a whole training)
   */
  private Item2VecTrainer(Corpus corpus, Item2VecOptions o, long seed, float[] in, float[] out,
      double scheduleFrom, double scheduleTo) {
    this.o = o;
    this.scheduleFrom = scheduleFrom;
    this.scheduleTo = scheduleTo;
    this.products = corpus.products();
    this.n = products.size();
    this.dim = o.dim();
    int sessions = corpus.sessionCount();
    offsets = new int[sessions + 1];
    items = new int[corpus.eventCount()];
    for (int s = 0; s < sessions; s++) {
      offsets[s + 1] = corpus.sessionEnd(s);
    }
    for (int e = 0; e < items.length; e++) {
      items[e] = corpus.item(e);
    }
    totalWords = items.length;
    if (in == null) {
      syn0 = initialVectors(n, dim, seed);
      syn1 = new float[n * dim];
    } else {
      if (in.length != n * dim || out == null || out.length != n * dim) {
        throw new IllegalArgumentException("vectors must hold " + n + " x " + dim + " floats");
      }
      syn0 = in;
      syn1 = out;
    }
    int[] counts = corpus.products().counts();
    noiseProbability = new float[n];
    noiseAlias = new int[n];
    aliasTable(counts, noiseProbability, noiseAlias);
    keepProbability = new float[n];
    double threshold = o.sample() * totalWords;
    for (int p = 0; p < n; p++) {
      keepProbability[p] = o.sample() == 0 ? 1f : (float) Math.min(1.0,
          (Math.sqrt(counts[p] / threshold) + 1) * threshold / counts[p]);
    }
  }

  /**
   * The input vectors training starts from: uniform in [-0.5, 0.5) / dim, drawn from {@code seed}
   * (word2vec's initialisation). Output vectors start at zero.
   */
  public static float[] initialVectors(int products, int dim, long seed) {
    float[] v = new float[products * dim];
    java.util.SplittableRandom init = new java.util.SplittableRandom(seed);
    for (int i = 0; i < v.length; i++) {
      v[i] = ((float) init.nextDouble() - 0.5f) / dim;
    }
    return v;
  }

  /**
   * One round of training in several places at once (parameter averaging, as the Spark job runs
   * it): continues from {@code in} and {@code out}, updating them in place, over {@code epochs}
   * passes of {@code part}, with the learning rate falling linearly from {@code scheduleFrom *
   * alpha} towards {@code scheduleTo * alpha} (never below min-alpha). One thread; the same
   * arguments give the same vectors.
   *
   * @param part this worker's sessions; its product index has every product (counts are this
   *     part's own, for subsampling and noise)
   * @param in input vectors, {@code products x dim}, trained in place
   * @param out output vectors, the same size, trained in place
   */
  public static void trainRound(Corpus part, Item2VecOptions options, int epochs, long seed,
      float[] in, float[] out, double scheduleFrom, double scheduleTo) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
    }
    if (!(scheduleFrom >= scheduleTo) || scheduleTo < 0 || scheduleFrom > 1) {
      throw new IllegalArgumentException("need 0 <= scheduleTo <= scheduleFrom <= 1, were "
          + scheduleTo + " and " + scheduleFrom);
    }
    Item2VecOptions round = new Item2VecOptions(options.dim(), options.window(),
        options.negative(), options.sample(), options.alpha(), options.minAlpha(), epochs,
        options.sessionWeighting(), options.lambda());
    new Item2VecTrainer(part, round, seed, in, out, scheduleFrom, scheduleTo)
        .run(new TrainContext(seed, 1, null, null));
  }

  /**
   * Trains embeddings for the products of {@code corpus}; epochs left to the corpus's size are
   * chosen by {@link Item2VecOptions#forEvents}, and the model records the number.
   */
  public static Item2VecModel train(Corpus corpus, Item2VecOptions options,
      TrainContext context) {
    return new Item2VecTrainer(corpus, options.forEvents(corpus.eventCount()), context.seed())
        .run(context);
  }

  private Item2VecModel run(TrainContext context) {
    int threads = context.threads();
    int sessions = offsets.length - 1;
    long[] rng = new long[threads];
    for (int t = 0; t < threads; t++) {
      rng[t] = context.seed() * 0x9E3779B97F4A7C15L + t + 1;
    }
    for (int epoch = 1; epoch <= o.epochs(); epoch++) {
      Parallel.run(threads, t -> {
        int from = (int) ((long) sessions * t / threads);
        int to = (int) ((long) sessions * (t + 1) / threads);
        rng[t] = trainRange(from, to, rng[t], context);
      });
      context.epochDone(epoch, this::snapshot);
      if (context.stopRequested()) {
        break;
      }
    }
    return snapshot();
  }

  /** The vectors as they are now. */
  private Item2VecModel snapshot() {
    return new Item2VecModel(products, o, syn0.clone());
  }

  private long trainRange(int from, int to, long random, TrainContext context) {
    Window window = new Window(2 * o.window(), o.negative() + 1, dim);
    int[] sentence = new int[64];
    long localWords = 0;
    long budget = (long) o.epochs() * totalWords + 1;
    float alpha = alpha(budget);
    for (int s = from; s < to; s++) {
      int len = 0;
      int start = offsets[s];
      int end = offsets[s + 1];
      if (end - start > sentence.length) {
        sentence = new int[end - start];
      }
      for (int e = start; e < end; e++) {
        int w = items[e];
        random = random * 25214903917L + 11;
        // the high bits: an LCG's low bits repeat with short periods
        if (keepProbability[w] < 1f
            && keepProbability[w] < ((random >>> 24) & 0xFFFFFF) / 16_777_216f) {
          continue;
        }
        sentence[len++] = w;
      }
      localWords += end - start;
      if (localWords > 10_000) {
        long done = wordsDone.addAndGet(localWords);
        localWords = 0;
        alpha = alpha(budget);
        context.progress(done);
        context.checkCancelled();
      }
      for (int pos = 0; pos < len; pos++) {
        int word = sentence[pos];
        random = random * 25214903917L + 11;
        int b = (int) ((random >>> 16) % o.window());
        int lo = Math.max(0, pos - o.window() + b);
        int hi = Math.min(len - 1, pos + o.window() - b);
        int contexts = 0;
        for (int c = lo; c <= hi; c++) {
          if (c != pos) {
            window.context[contexts++] = sentence[c];
          }
        }
        if (contexts > 0) {
          random = trainWindow(window, contexts, word, alpha, random);
        }
      }
    }
    wordsDone.addAndGet(localWords);
    return random;
  }

  private float alpha(long budget) {
    // scheduleFrom 1 and scheduleTo 0 give alpha * (1 - done / budget), bit for bit
    float a = (float) (o.alpha()
        * (scheduleFrom - (scheduleFrom - scheduleTo) * (wordsDone.get() / (double) budget)));
    return Math.max(a, (float) o.minAlpha());
  }

  /** Per-thread buffers for one window: context rows, output rows and their scores. */
  private static final class Window {
    final int[] context;
    final int[] output;
    final float[] label;
    final float[] in;
    final float[] out;
    final float[] g;

    Window(int maxContexts, int outputs, int dim) {
      context = new int[maxContexts];
      output = new int[outputs];
      label = new float[outputs];
      in = new float[maxContexts * dim];
      out = new float[outputs * dim];
      g = new float[maxContexts * outputs];
    }
  }

  /**
   * Trains one centre product against all its contexts at once, with one set of negatives shared
   * by the window (Ji et al., "Parallelizing Word2Vec in Shared and Distributed Memory", 2016):
   * the same skip-gram gradients as pair-by-pair training, computed on cached copies of the rows,
   * so each output row is read and written once per window instead of once per pair.
   */
  private long trainWindow(Window w, int contexts, int word, float alpha, long random) {
    int outputs = 0;
    w.output[outputs] = word;
    w.label[outputs++] = 1;
    for (int d = 0; d < o.negative(); d++) {
      random = random * 25214903917L + 11;
      long bits = random >>> 16; // 48 bits: 24 pick the column, 24 the coin
      int column = (int) (((bits >>> 24) * n) >>> 24);
      int target = (bits & 0xFFFFFF) < noiseProbability[column] * 16_777_216f
          ? column : noiseAlias[column];
      if (target != word) {
        w.output[outputs] = target;
        w.label[outputs++] = 0;
      }
    }
    for (int c = 0; c < contexts; c++) {
      System.arraycopy(syn0, w.context[c] * dim, w.in, c * dim, dim);
    }
    for (int j = 0; j < outputs; j++) {
      System.arraycopy(syn1, w.output[j] * dim, w.out, j * dim, dim);
    }
    for (int c = 0; c < contexts; c++) {
      for (int j = 0; j < outputs; j++) {
        float f = VectorMath.dot(w.in, c * dim, w.out, j * dim, dim);
        // as gensim: no update where the sigmoid is saturated
        w.g[c * outputs + j] = f <= -MAX_EXP || f >= MAX_EXP ? 0
            : (w.label[j] - EXP_TABLE[(int) ((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))])
                * alpha;
      }
    }
    for (int j = 0; j < outputs; j++) {
      int row = w.output[j] * dim;
      for (int c = 0; c < contexts; c++) {
        VectorMath.axpy(w.g[c * outputs + j], w.in, c * dim, syn1, row, dim);
      }
    }
    for (int c = 0; c < contexts; c++) {
      int row = w.context[c] * dim;
      for (int j = 0; j < outputs; j++) {
        VectorMath.axpy(w.g[c * outputs + j], w.out, j * dim, syn0, row, dim);
      }
    }
    return random;
  }

  /**
   * Walker's alias tables for drawing products with probability proportional to count^0.75: a
   * few hundred kilobytes that stay in cache, where word2vec's 10^8-entry table misses it on
   * every draw.
   */
  private static void aliasTable(int[] counts, float[] probability, int[] alias) {
    int n = counts.length;
    double total = 0;
    for (int c : counts) {
      total += Math.pow(c, 0.75);
    }
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int p = 0; p < n; p++) {
      scaled[p] = Math.pow(counts[p], 0.75) * n / total;
      if (scaled[p] < 1) {
        small[ns++] = p;
      } else {
        large[nl++] = p;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      probability[s] = (float) scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    while (nl > 0) {
      int l = large[--nl];
      probability[l] = 1;
      alias[l] = l;
    }
    while (ns > 0) { // only through round-off
      int s = small[--ns];
      probability[s] = 1;
      alias[s] = s;
    }
  }
}
