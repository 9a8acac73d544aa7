package dev.aisle.model.sknn;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.Explainer;
import dev.aisle.model.ProductLabels;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.SessionWeighting;
import dev.aisle.model.SparseRecommender;
import dev.aisle.model.SparseScores;
import dev.aisle.model.TopK;
import java.util.Arrays;
import java.util.List;

/**
 * Session-kNN over the training sessions (SKNN, V-SKNN and STAN by options; see the package).
 *
 * <pre>
 * SknnModel m = SknnModel.train(corpus, SknnOptions.from(Params.none()));
 * m.scoreNext(new int[] {3, 14, 15}, scores);
 * </pre>
 *
 * <p>The model is the training sessions plus an inverted index from product to the sessions that
 * browsed it. A query gathers the sessions sharing a product with it, keeps the most recent
 * {@code sample}, scores their similarity, and lets the best {@code k} vote. A query touches only
 * those sessions and the products they hold (no state sized by the catalog or the sessions), so it
 * costs the same at a million products as at a thousand. Immutable and thread-safe.
 */
public final class SknnModel implements SparseRecommender {
  private static final double DAY_MS = 86_400_000.0;

  private final ProductIndex products;
  private final SknnOptions options;
  private final int[] sessionOffsets;
  private final int[] items;
  private final long[] sessionTimes;
  private final int[] distinctLength;
  private final int[] postingOffsets; // product -> start in postings
  private final int[] postings; // session ids, ascending (= oldest first)
  private final float[] idf;
  private final long lastTime;

  private SknnModel(ProductIndex products, SknnOptions options, int[] sessionOffsets,
      int[] items, long[] sessionTimes) {
    this.products = products;
    this.options = options;
    this.sessionOffsets = sessionOffsets;
    this.items = items;
    this.sessionTimes = sessionTimes;
    int n = products.size();
    int sessions = sessionTimes.length;
    int[] stamp = new int[n];
    Arrays.fill(stamp, -1);
    int[] df = new int[n];
    distinctLength = new int[sessions];
    for (int s = 0; s < sessions; s++) {
      for (int e = sessionOffsets[s]; e < sessionOffsets[s + 1]; e++) {
        if (stamp[items[e]] != s) {
          stamp[items[e]] = s;
          df[items[e]]++;
          distinctLength[s]++;
        }
      }
    }
    postingOffsets = new int[n + 1];
    for (int p = 0; p < n; p++) {
      postingOffsets[p + 1] = postingOffsets[p] + df[p];
    }
    postings = new int[postingOffsets[n]];
    int[] fill = Arrays.copyOf(postingOffsets, n);
    Arrays.fill(stamp, -1);
    for (int s = 0; s < sessions; s++) {
      for (int e = sessionOffsets[s]; e < sessionOffsets[s + 1]; e++) {
        if (stamp[items[e]] != s) {
          stamp[items[e]] = s;
          postings[fill[items[e]]++] = s;
        }
      }
    }
    idf = new float[n];
    for (int p = 0; p < n; p++) {
      idf[p] = (float) Math.log((double) sessions / Math.max(1, df[p]));
    }
    long last = Long.MIN_VALUE;
    for (long t : sessionTimes) {
      last = Math.max(last, t);
    }
    lastTime = last;
  }

  /** Indexes the sessions of {@code corpus}. */
  public static SknnModel train(Corpus corpus, SknnOptions options) {
    int sessions = corpus.sessionCount();
    int[] offsets = new int[sessions + 1];
    long[] times = new long[sessions];
    int[] items = new int[corpus.eventCount()];
    for (int s = 0; s < sessions; s++) {
      offsets[s + 1] = corpus.sessionEnd(s);
      times[s] = corpus.sessionTime(s);
      for (int e = corpus.sessionStart(s); e < corpus.sessionEnd(s); e++) {
        items[e] = corpus.item(e);
      }
    }
    return new SknnModel(corpus.products(), options, offsets, items, times);
  }

  @Override
  public String algorithm() {
    return "sknn";
  }

  /** The options it was trained with. */
  public SknnOptions options() {
    return options;
  }

  /** The inverse document frequency of a product over the training sessions, log(N / df). */
  public float idf(int product) {
    return idf[product];
  }

  /** "browsed in sessions with Linen cushion"; for a session "browsed in sessions like yours". */
  @Override
  public Explainer explainer(ProductLabels labels) {
    return Explainer.worded(labels, "browsed in sessions with ", "browsed in sessions like yours");
  }

  @Override
  public ProductIndex products() {
    return products;
  }

  @Override
  public void scoreNext(int[] session, float[] out) {
    Arrays.fill(out, 0);
    sparseNext(session).copyTo(out);
  }

  @Override
  public List<ScoredItem> topRelated(int product, int k) {
    return topNext(new int[] {product}, k);
  }

  /** The neighbours' votes for the products after {@code session}. */
  @Override
  public SparseScores sparseNext(int[] session) {
    Query query = new Query(session, options);
    int[] candidates = candidates(query);
    int count = candidates.length;
    float[] similarity = new float[count];
    int[] match = new int[count];
    int[] ids = new int[count];
    int[] seen = new int[query.size()];
    for (int c = 0; c < count; c++) {
      ids[c] = c;
      int s = candidates[c];
      double sim = 0;
      int bestPosition = -1;
      int matchAt = sessionOffsets[s];
      for (int e = sessionOffsets[s]; e < sessionOffsets[s + 1]; e++) {
        int q = query.local(items[e]);
        if (q < 0) {
          continue;
        }
        if (seen[q] != c + 1) {
          seen[q] = c + 1;
          float w = query.weight[q];
          sim += options.idf() ? w * idf[items[e]] : w;
        }
        if (query.position[q] >= bestPosition) {
          bestPosition = query.position[q];
          matchAt = e;
        }
      }
      if (options.normalize()) {
        sim /= Math.sqrt((double) query.size() * distinctLength[s]);
      }
      if (options.lambda2() > 0) {
        sim *= Math.exp(-(lastTime - sessionTimes[s]) / (options.lambda2() * DAY_MS));
      }
      similarity[c] = (float) sim;
      match[c] = matchAt;
    }
    List<ScoredItem> best = TopK.select(similarity, ids, count, options.neighbours());
    int votes = 0;
    for (ScoredItem b : best) {
      int s = candidates[b.product()];
      votes += sessionOffsets[s + 1] - sessionOffsets[s];
    }
    SparseScores out = new SparseScores(votes);
    for (ScoredItem b : best) {
      if (b.score() <= 0) {
        continue;
      }
      int s = candidates[b.product()];
      int m = match[b.product()];
      int from = options.forwardOnly() ? m + 1 : sessionOffsets[s];
      for (int e = from; e < sessionOffsets[s + 1]; e++) {
        double w = options.lambda3() > 0 ? Math.exp(-Math.abs(e - m) / options.lambda3()) : 1;
        out.add(items[e], (float) (b.score() * w));
      }
    }
    return out;
  }

  /**
   * The training sessions sharing a product with the query, the most recent {@code sample} of
   * them: in the order first found (query product by query product, each one's sessions oldest
   * first) when there are no more than that, else ascending. Only the last {@code sample} of each
   * product's postings can be among the most recent {@code sample} of their union, so a popular
   * product's long list is never read in full.
   */
  private int[] candidates(Query query) {
    int sample = options.sample();
    int total = 0;
    for (int q = 0; q < query.size(); q++) {
      int p = query.product[q];
      total += Math.min(sample, postingOffsets[p + 1] - postingOffsets[p]);
    }
    int[] candidates = new int[total];
    SparseScores found = new SparseScores(total);
    int count = 0;
    boolean cut = false;
    for (int q = 0; q < query.size(); q++) {
      int p = query.product[q];
      int from = Math.max(postingOffsets[p], postingOffsets[p + 1] - sample);
      cut |= from > postingOffsets[p];
      for (int x = from; x < postingOffsets[p + 1]; x++) {
        int s = postings[x];
        if (!found.contains(s)) {
          found.add(s, 1);
          candidates[count++] = s;
        }
      }
    }
    if (count > sample || cut) {
      Arrays.sort(candidates, 0, count);
      int keep = Math.min(count, sample);
      System.arraycopy(candidates, count - keep, candidates, 0, keep);
      count = keep;
    }
    return count == candidates.length ? candidates : Arrays.copyOf(candidates, count);
  }

  /**
   * A query session's distinct products, each with its largest position weight and its last
   * position, found by ordinal through a small open-addressing table: a session holds a handful
   * of products, so this replaces arrays over the whole catalog.
   */
  private static final class Query {
    final int[] product;
    final float[] weight;
    final int[] position;
    /** Open addressing: the product in each slot (-1 for none) and its index among the query's. */
    private final int[] keys;
    private final int[] index;
    private final int mask;
    private int size;

    Query(int[] session, SknnOptions options) {
      int n = session.length;
      product = new int[n];
      weight = new float[n];
      position = new int[n];
      // at most a quarter full, so that a product not in the query (most of those looked up)
      // usually meets an empty slot at once
      int capacity = Integer.highestOneBit(Math.max(4, n) * 4 - 1) << 1;
      keys = new int[capacity];
      index = new int[capacity];
      mask = capacity - 1;
      Arrays.fill(keys, -1);
      for (int i = 0; i < n; i++) {
        int p = session[i];
        int slot = slot(p);
        int q;
        if (keys[slot] < 0) {
          q = size++;
          keys[slot] = p;
          index[slot] = q;
          product[q] = p;
        } else {
          q = index[slot];
        }
        float w = (float) options.weighting().weight(i, n, options.lambda1());
        weight[q] = Math.max(weight[q], Math.max(w, Float.MIN_NORMAL));
        position[q] = i;
      }
    }

    /** Distinct products. */
    int size() {
      return size;
    }

    /** The product's index among the query's distinct products, or -1. */
    int local(int p) {
      int slot = slot(p);
      return keys[slot] < 0 ? -1 : index[slot];
    }

    private int slot(int p) {
      int h = p * 0x9E3779B9;
      int slot = (h ^ (h >>> 16)) & mask;
      while (keys[slot] >= 0 && keys[slot] != p) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }
  }

  @Override
  public void scoreRelated(int product, float[] out) {
    scoreNext(new int[] {product}, out);
  }

  @Override
  public void write(BinaryWriter out) {
    out.writeVarInt(options.neighbours());
    out.writeVarInt(options.sample());
    out.writeString(options.weighting().label());
    out.writeDouble(options.lambda1());
    out.writeDouble(options.lambda2());
    out.writeDouble(options.lambda3());
    out.writeByte(options.idf() ? 1 : 0);
    out.writeByte(options.normalize() ? 1 : 0);
    out.writeByte(options.forwardOnly() ? 1 : 0);
    out.writeVarInt(sessionTimes.length);
    long previous = 0;
    for (int s = 0; s < sessionTimes.length; s++) {
      out.writeZigZag(sessionTimes[s] - previous);
      previous = sessionTimes[s];
      out.writeVarInt(sessionOffsets[s + 1] - sessionOffsets[s]);
      for (int e = sessionOffsets[s]; e < sessionOffsets[s + 1]; e++) {
        out.writeVarInt(items[e]);
      }
    }
  }

  /** Reads what {@link #write} wrote. */
  public static SknnModel read(BinaryReader in, ProductIndex products) {
    SknnOptions options = new SknnOptions(in.readVarInt(), in.readVarInt(),
        SessionWeighting.fromLabel(in.readString()), in.readDouble(), in.readDouble(),
        in.readDouble(), in.readByte() == 1, in.readByte() == 1, in.readByte() == 1);
    int sessions = in.readCount(Integer.MAX_VALUE - 8, "session count");
    int[] offsets = new int[sessions + 1];
    long[] times = new long[sessions];
    int[] items = new int[16];
    long t = 0;
    for (int s = 0; s < sessions; s++) {
      t += in.readZigZag();
      times[s] = t;
      int len = in.readCount(Integer.MAX_VALUE - 8, "session length");
      if (offsets[s] + len > items.length) {
        items = Arrays.copyOf(items, Math.max(items.length * 2, offsets[s] + len));
      }
      for (int i = 0; i < len; i++) {
        items[offsets[s] + i] = in.readCount(products.size() - 1, "product ordinal");
      }
      offsets[s + 1] = offsets[s] + len;
    }
    return new SknnModel(products, options, offsets, Arrays.copyOf(items, offsets[sessions]),
        times);
  }
}
