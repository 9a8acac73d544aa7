package dev.aisle.model.cooc;

import dev.aisle.BadInputException;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.EventIndex;
import dev.aisle.model.Explainer;
import dev.aisle.parallel.Parallel;
import dev.aisle.model.ProductLabels;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.SessionWeighting;
import dev.aisle.model.SparseRecommender;
import dev.aisle.model.SparseScores;
import dev.aisle.model.TopK;
import dev.aisle.model.TrainContext;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Co-occurrence indicators: for each product, the products most strongly browsed near it.
 *
 * <pre>
 * CoocModel m = CoocModel.train(corpus, CoocOptions.from(Params.none()), TrainContext.defaults());
 * float[] scores = new float[m.products().size()];
 * m.scoreNext(new int[] {12, 7}, scores);
 * </pre>
 *
 * <p>Training visits each product's occurrences through an inverted index and accumulates its
 * row of the co-occurrence matrix in a dense scratch array, so memory stays O(events + products x
 * top) however dense the matrix; rows are independent and trained in parallel. The result does not
 * depend on the thread count. Immutable and thread-safe after training.
 */
public final class CoocModel implements SparseRecommender {
  private final ProductIndex products;
  private final CoocOptions options;
  private final int[] offsets; // product -> start in indicator arrays
  private final int[] indicators;
  private final float[] scores;
  private final int[] counts; // sessions in which the pair was seen

  private CoocModel(ProductIndex products, CoocOptions options, int[] offsets, int[] indicators,
      float[] scores, int[] counts) {
    this.products = products;
    this.options = options;
    this.offsets = offsets;
    this.indicators = indicators;
    this.scores = scores;
    this.counts = counts;
  }

  /** Counts pairs in {@code corpus} and keeps each product's top indicators. */
  public static CoocModel train(Corpus corpus, CoocOptions options, TrainContext context) {
    int n = corpus.products().size();
    EventIndex index = EventIndex.of(corpus);
    int[] eventSession = index.sessionOf();
    int[] occStart = index.start();
    int[] occ = index.events();
    // row and column sums of the (weighted) pair matrix, for LLR
    double[] rowSum = new double[n];
    double[] colSum = new double[n];
    double total = 0;
    for (int s = 0; s < corpus.sessionCount(); s++) {
      int from = corpus.sessionStart(s);
      int to = corpus.sessionEnd(s);
      for (int i = from; i < to; i++) {
        int a = corpus.item(i);
        for (int j = windowStart(options, i, from); j < windowEnd(options, i, to); j++) {
          int b = corpus.item(j);
          if (j == i) {
            continue;
          }
          double w = weight(options, i, j);
          rowSum[a] += w;
          colSum[b] += w;
          total += w;
        }
      }
    }
    context.checkCancelled();
    int[][] rowIds = new int[n][];
    float[][] rowScores = new float[n][];
    int[][] rowCounts = new int[n][];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    double grandTotal = total;
    Parallel.run(context.threads(), worker -> {
      float[] acc = new float[n];
      int[] sessions = new int[n];
      int[] lastSession = new int[n];
      Arrays.fill(lastSession, -1);
      int[] touched = new int[n];
      int[] positive = new int[n];
      float[] rowScore = new float[n];
      for (int a = next.getAndIncrement(); a < n; a = next.getAndIncrement()) {
        int t = 0;
        for (int o = occStart[a]; o < occStart[a + 1]; o++) {
          int i = occ[o];
          int s = eventSession[i];
          int from = corpus.sessionStart(s);
          int to = corpus.sessionEnd(s);
          for (int j = windowStart(options, i, from); j < windowEnd(options, i, to); j++) {
            int b = corpus.item(j);
            if (j == i) {
              continue;
            }
            if (acc[b] == 0 && sessions[b] == 0) {
              touched[t++] = b;
            }
            acc[b] += (float) weight(options, i, j);
            if (lastSession[b] != s) {
              lastSession[b] = s;
              sessions[b]++;
            }
          }
        }
        int kept = 0;
        for (int x = 0; x < t; x++) {
          int b = touched[x];
          if (sessions[b] >= options.minCount()) {
            float score = score(options, acc[b], rowSum[a], colSum[b], grandTotal,
                corpus.products().count(a), corpus.products().count(b));
            if (score > 0) {
              positive[kept++] = b;
              rowScore[b] = score;
            }
          }
        }
        int k = Math.min(options.top(), kept);
        int[] ids = new int[k];
        float[] sc = new float[k];
        int[] cn = new int[k];
        if (k > 0) {
          List<ScoredItem> best = TopK.select(rowScore, positive, kept, k);
          for (int r = 0; r < k; r++) {
            ids[r] = best.get(r).product();
            sc[r] = best.get(r).score();
            cn[r] = sessions[ids[r]];
          }
        }
        rowIds[a] = ids;
        rowScores[a] = sc;
        rowCounts[a] = cn;
        for (int x = 0; x < t; x++) {
          int b = touched[x];
          acc[b] = 0;
          sessions[b] = 0;
          rowScore[b] = 0;
          lastSession[b] = -1;
        }
        int finished = done.incrementAndGet();
        context.progress(finished);
        if ((finished & 255) == 0) {
          context.checkCancelled();
        }
      }
    });
    int[] offsets = new int[n + 1];
    for (int a = 0; a < n; a++) {
      offsets[a + 1] = offsets[a] + rowIds[a].length;
    }
    int[] indicators = new int[offsets[n]];
    float[] scores = new float[offsets[n]];
    int[] counts = new int[offsets[n]];
    for (int a = 0; a < n; a++) {
      System.arraycopy(rowIds[a], 0, indicators, offsets[a], rowIds[a].length);
      System.arraycopy(rowScores[a], 0, scores, offsets[a], rowScores[a].length);
      System.arraycopy(rowCounts[a], 0, counts, offsets[a], rowCounts[a].length);
    }
    return new CoocModel(corpus.products(), options, offsets, indicators, scores, counts);
  }

  /**
   * A model from indicator lists computed elsewhere, e.g. by the Spark job: product {@code a}'s
   * indicators are {@code indicators[offsets[a], offsets[a + 1])}, best first, with their scores
   * and the number of sessions each pair was seen in.
   *
   * @throws IllegalArgumentException when the arrays do not fit the products
   */
  public static CoocModel of(ProductIndex products, CoocOptions options, int[] offsets,
      int[] indicators, float[] scores, int[] counts) {
    int n = products.size();
    if (offsets.length != n + 1 || offsets[0] != 0) {
      throw new IllegalArgumentException("offsets must have " + (n + 1) + " entries from 0, had "
          + offsets.length);
    }
    int total = offsets[n];
    if (indicators.length != total || scores.length != total || counts.length != total) {
      throw new IllegalArgumentException("indicators, scores and counts must have " + total
          + " entries each");
    }
    for (int a = 0; a < n; a++) {
      if (offsets[a + 1] < offsets[a]) {
        throw new IllegalArgumentException("offsets must not decrease, at product " + a);
      }
    }
    for (int b : indicators) {
      if (b < 0 || b >= n) {
        throw new IllegalArgumentException("indicator " + b + " is not a product ordinal");
      }
    }
    return new CoocModel(products, options, offsets, indicators, scores, counts);
  }

  /**
   * The score of a pair as {@link #train} computes it, for trainers that count pairs elsewhere.
   *
   * @param k11 the (weighted) count of the pair
   * @param rowSum the weighted count of all pairs starting with the first product
   * @param colSum the weighted count of all pairs ending with the second product
   * @param total the weighted count of all pairs
   * @param countA the browse count of the first product
   * @param countB the browse count of the second product
   * @return the score; 0 or less means "not an indicator"
   */
  public static float pairScore(CoocOptions options, double k11, double rowSum, double colSum,
      double total, int countA, int countB) {
    return score(options, k11, rowSum, colSum, total, countA, countB);
  }

  private static int windowStart(CoocOptions o, int i, int from) {
    if (o.directed()) {
      return i + 1;
    }
    return o.window() == 0 ? from : Math.max(from, i - o.window());
  }

  private static int windowEnd(CoocOptions o, int i, int to) {
    return o.window() == 0 ? to : Math.min(to, i + o.window() + 1);
  }

  private static double weight(CoocOptions o, int i, int j) {
    return o.distanceWeighted() ? 1.0 / Math.abs(j - i) : 1.0;
  }

  private static float score(CoocOptions o, double k11, double rowSum, double colSum,
      double total, int countA, int countB) {
    switch (o.score()) {
      case "count":
        return (float) k11;
      case "cosine":
        return (float) (k11 / Math.sqrt((double) countA * countB));
      case "llr":
        double k12 = Math.max(0, rowSum - k11);
        double k21 = Math.max(0, colSum - k11);
        double k22 = Math.max(0, total - k11 - k12 - k21);
        if (k11 / Math.max(rowSum, 1e-12) <= colSum / Math.max(total, 1e-12)) {
          return 0; // no more often together than chance: not an indicator
        }
        return (float) Llr.g2(k11, k12, k21, k22);
      default:
        throw new AssertionError(o.score());
    }
  }

  @Override
  public String algorithm() {
    return "cooc";
  }

  @Override
  public ProductIndex products() {
    return products;
  }

  public CoocOptions options() {
    return options;
  }

  @Override
  public void scoreNext(int[] session, float[] out) {
    Arrays.fill(out, 0);
    int n = session.length;
    for (int i = 0; i < n; i++) {
      double w = options.sessionWeighting().weight(i, n, options.lambda());
      if (w == 0) {
        continue;
      }
      int a = session[i];
      for (int x = offsets[a]; x < offsets[a + 1]; x++) {
        out[indicators[x]] += (float) (w * scores[x]);
      }
    }
  }

  /** Sums the indicator lists of the session's products, in a map sized for all of them. */
  @Override
  public SparseScores sparseNext(int[] session) {
    int touched = 0;
    for (int a : session) {
      touched += offsets[a + 1] - offsets[a];
    }
    SparseScores out = new SparseScores(touched);
    sparseNext(session, out);
    return out;
  }

  /** Adds the session's products' indicator lists to {@code out}, touching only those products. */
  @Override
  public void sparseNext(int[] session, SparseScores out) {
    int n = session.length;
    for (int i = 0; i < n; i++) {
      double w = options.sessionWeighting().weight(i, n, options.lambda());
      if (w == 0) {
        continue;
      }
      int a = session[i];
      for (int x = offsets[a]; x < offsets[a + 1]; x++) {
        out.add(indicators[x], (float) (w * scores[x]));
      }
    }
  }

  /**
   * The product's indicator list, which training stored best first: a lookup when it holds
   * {@code k}, padded with the most popular other products (score 0) when it does not.
   */
  @Override
  public List<ScoredItem> topRelated(int product, int k) {
    int from = offsets[product];
    int length = offsets[product + 1] - from;
    if (k <= length) {
      ScoredItem[] items = new ScoredItem[k];
      for (int x = 0; x < k; x++) {
        items[x] = new ScoredItem(indicators[from + x], scores[from + x]);
      }
      return Arrays.asList(items);
    }
    SparseScores out = new SparseScores(length);
    for (int x = from; x < from + length; x++) {
      out.add(indicators[x], scores[x]);
    }
    return out.top(k, products.size());
  }

  @Override
  public void scoreRelated(int product, float[] out) {
    Arrays.fill(out, 0);
    for (int x = offsets[product]; x < offsets[product + 1]; x++) {
      out[indicators[x]] = scores[x];
    }
  }

  /** The indicators of a product, best first, with their scores. */
  public List<ScoredItem> indicators(int product) {
    ScoredItem[] items = new ScoredItem[offsets[product + 1] - offsets[product]];
    for (int x = offsets[product]; x < offsets[product + 1]; x++) {
      items[x - offsets[product]] = new ScoredItem(indicators[x], scores[x]);
    }
    return List.of(items);
  }

  /**
   * The sessions that browsed both products ("browsed together in 3 sessions"), else "related to
   * Linen cushion" and, for a session, popularity.
   */
  @Override
  public Explainer explainer(ProductLabels labels) {
    return Explainer.bySessionsTogether(this::sessionsTogether, labels,
        SparseRecommender.super.explainer(labels));
  }

  /** In how many training sessions two products were seen together (0 when not an indicator). */
  public int sessionsTogether(int product, int other) {
    for (int x = offsets[product]; x < offsets[product + 1]; x++) {
      if (indicators[x] == other) {
        return counts[x];
      }
    }
    return 0;
  }

  @Override
  public void write(BinaryWriter out) {
    out.writeVarInt(options.window());
    out.writeByte(options.directed() ? 1 : 0);
    out.writeByte(options.distanceWeighted() ? 1 : 0);
    out.writeString(options.score());
    out.writeVarInt(options.top());
    out.writeVarInt(options.minCount());
    out.writeString(options.sessionWeighting().label());
    out.writeDouble(options.lambda());
    int n = products.size();
    for (int a = 0; a < n; a++) {
      out.writeVarInt(offsets[a + 1] - offsets[a]);
      for (int x = offsets[a]; x < offsets[a + 1]; x++) {
        out.writeVarInt(indicators[x]);
        out.writeFloat(scores[x]);
        out.writeVarInt(counts[x]);
      }
    }
  }

  /**
   * Reads what {@link #write} wrote, in two passes: the first counts the indicators, so that the
   * arrays are allocated once at their size (at a million products they hold hundreds of millions
   * of entries, and growing them by doubling needed three times their size at the peak).
   */
  public static CoocModel read(BinaryReader in, ProductIndex products) {
    CoocOptions options = new CoocOptions(in.readVarInt(), in.readByte() == 1,
        in.readByte() == 1, in.readString(), in.readVarInt(), in.readVarInt(),
        SessionWeighting.fromLabel(in.readString()), in.readDouble());
    int n = products.size();
    int start = in.position();
    int[] offsets = new int[n + 1];
    for (int a = 0; a < n; a++) {
      int len = in.readCount(n, "indicator count");
      for (int x = 0; x < len; x++) {
        in.readVarInt();
        in.readFloat();
        in.readVarInt();
      }
      if ((long) offsets[a] + len > Integer.MAX_VALUE - 8) {
        throw new BadInputException(in.source() + ": more indicators than an array"
            + " holds");
      }
      offsets[a + 1] = offsets[a] + len;
    }
    in.seek(start);
    int total = offsets[n];
    int[] ids = new int[total];
    float[] sc = new float[total];
    int[] cn = new int[total];
    for (int a = 0; a < n; a++) {
      in.readVarInt();
      for (int x = offsets[a]; x < offsets[a + 1]; x++) {
        ids[x] = in.readCount(n - 1, "indicator");
        sc[x] = in.readFloat();
        cn[x] = in.readVarInt();
      }
    }
    return new CoocModel(products, options, offsets, ids, sc, cn);
  }
}
