package dev.aisle.model.item2vec;

import dev.aisle.corpus.Corpus;
import dev.aisle.model.Parallel;
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
  private static final int NOISE_TABLE_SIZE = 1 << 22;

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
  private final int[] noise;
  private final float[] keepProbability;
  private final long totalWords;
  private final AtomicLong wordsDone = new AtomicLong();

  private Item2VecTrainer(Corpus corpus, Item2VecOptions o, long seed) {
    this.o = o;
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
    syn0 = new float[n * dim];
    syn1 = new float[n * dim];
    long r = seed;
    for (int i = 0; i < syn0.length; i++) {
      r = r * 25214903917L + 11;
      syn0[i] = (((r & 0xFFFF) / 65536f) - 0.5f) / dim;
    }
    int[] counts = corpus.products().counts();
    noise = noiseTable(counts);
    keepProbability = new float[n];
    double threshold = o.sample() * totalWords;
    for (int p = 0; p < n; p++) {
      keepProbability[p] = o.sample() == 0 ? 1f : (float) Math.min(1.0,
          (Math.sqrt(counts[p] / threshold) + 1) * threshold / counts[p]);
    }
  }

  /** Trains embeddings for the products of {@code corpus}. */
  public static Item2VecModel train(Corpus corpus, Item2VecOptions options,
      TrainContext context) {
    return new Item2VecTrainer(corpus, options, context.seed()).run(context);
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
    }
    return snapshot();
  }

  /** The vectors as they are now. */
  private Item2VecModel snapshot() {
    return new Item2VecModel(products, o, syn0.clone());
  }

  private long trainRange(int from, int to, long random, TrainContext context) {
    float[] neu1e = new float[dim];
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
        if (keepProbability[w] < 1f && keepProbability[w] < (random & 0xFFFF) / 65536f) {
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
      }
      for (int pos = 0; pos < len; pos++) {
        int word = sentence[pos];
        random = random * 25214903917L + 11;
        int b = (int) Long.remainderUnsigned(random, o.window());
        int lo = Math.max(0, pos - o.window() + b);
        int hi = Math.min(len - 1, pos + o.window() - b);
        for (int c = lo; c <= hi; c++) {
          if (c == pos) {
            continue;
          }
          random = trainPair(sentence[c] * dim, word, neu1e, alpha, random);
        }
      }
    }
    wordsDone.addAndGet(localWords);
    return random;
  }

  private float alpha(long budget) {
    float a = (float) (o.alpha() * (1 - wordsDone.get() / (double) budget));
    return Math.max(a, (float) o.minAlpha());
  }

  /** One positive pair (context vector at {@code l1}, target {@code word}) and its negatives. */
  private long trainPair(int l1, int word, float[] neu1e, float alpha, long random) {
    java.util.Arrays.fill(neu1e, 0f);
    for (int d = 0; d <= o.negative(); d++) {
      int target;
      float label;
      if (d == 0) {
        target = word;
        label = 1;
      } else {
        random = random * 25214903917L + 11;
        target = noise[(int) ((random >>> 16) & (NOISE_TABLE_SIZE - 1))];
        if (target == word) {
          continue;
        }
        label = 0;
      }
      int l2 = target * dim;
      float f = dot(syn0, l1, syn1, l2, dim);
      float g;
      if (f > MAX_EXP) {
        g = (label - 1) * alpha;
      } else if (f < -MAX_EXP) {
        g = label * alpha;
      } else {
        g = (label - EXP_TABLE[(int) ((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))]) * alpha;
      }
      axpy(g, syn1, l2, neu1e, 0, dim);
      axpy(g, syn0, l1, syn1, l2, dim);
    }
    axpy(1f, neu1e, 0, syn0, l1, dim);
    return random;
  }

  /** Dot product with four accumulators, so the CPU can overlap the multiplies. */
  static float dot(float[] a, int ao, float[] b, int bo, int len) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < len; i += 4) {
      s0 += a[ao + i] * b[bo + i];
      s1 += a[ao + i + 1] * b[bo + i + 1];
      s2 += a[ao + i + 2] * b[bo + i + 2];
      s3 += a[ao + i + 3] * b[bo + i + 3];
    }
    for (; i < len; i++) {
      s0 += a[ao + i] * b[bo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** y += g * x. */
  static void axpy(float g, float[] x, int xo, float[] y, int yo, int len) {
    for (int i = 0; i < len; i++) {
      y[yo + i] += g * x[xo + i];
    }
  }

  private static int[] noiseTable(int[] counts) {
    int[] table = new int[NOISE_TABLE_SIZE];
    double total = 0;
    for (int c : counts) {
      total += Math.pow(c, 0.75);
    }
    int p = 0;
    double cumulative = Math.pow(counts[0], 0.75) / total;
    for (int i = 0; i < NOISE_TABLE_SIZE; i++) {
      table[i] = p;
      if ((i + 1) / (double) NOISE_TABLE_SIZE > cumulative && p < counts.length - 1) {
        p++;
        cumulative += Math.pow(counts[p], 0.75) / total;
      }
    }
    return table;
  }
}
