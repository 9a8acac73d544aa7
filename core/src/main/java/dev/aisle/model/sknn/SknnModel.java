package dev.aisle.model.sknn;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.Explainer;
import dev.aisle.model.ProductLabels;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.SessionWeighting;
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
 * {@code sample}, scores their similarity, and lets the best {@code k} vote. Thread-safe: each
 * thread queries with scratch arrays of its own.
 */
public final class SknnModel implements Recommender {
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
  private final ThreadLocal<Scratch> scratch;

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
    scratch = ThreadLocal.withInitial(() -> new Scratch(n, sessions));
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

  /** Per-thread query state: weights by product, marks by session. */
  private static final class Scratch {
    final float[] queryWeight;
    final int[] queryPosition;
    final int[] sessionMark;
    final int[] itemMark;
    int stamp;
    int itemStamp;

    Scratch(int products, int sessions) {
      queryWeight = new float[products];
      queryPosition = new int[products];
      itemMark = new int[products];
      sessionMark = new int[sessions];
    }
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
    Scratch sc = scratch.get();
    int n = session.length;
    int distinctQuery = 0;
    for (int i = 0; i < n; i++) {
      int p = session[i];
      if (sc.queryWeight[p] == 0) {
        distinctQuery++;
      }
      float w = (float) options.weighting().weight(i, n, options.lambda1());
      sc.queryWeight[p] = Math.max(sc.queryWeight[p], Math.max(w, Float.MIN_NORMAL));
      sc.queryPosition[p] = i;
    }
    try {
      vote(session, distinctQuery, sc, out);
    } finally {
      for (int p : session) {
        sc.queryWeight[p] = 0;
      }
    }
  }

  private void vote(int[] session, int distinctQuery, Scratch sc, float[] out) {
    // candidates: sessions sharing a product, the most recent `sample` of them
    int stamp = ++sc.stamp;
    if (stamp == Integer.MAX_VALUE) {
      Arrays.fill(sc.sessionMark, 0);
      sc.stamp = stamp = 1;
    }
    int total = 0;
    for (int p : session) {
      total += postingOffsets[p + 1] - postingOffsets[p];
    }
    int[] candidates = new int[total];
    int count = 0;
    for (int p : session) {
      for (int x = postingOffsets[p]; x < postingOffsets[p + 1]; x++) {
        int s = postings[x];
        if (sc.sessionMark[s] != stamp) {
          sc.sessionMark[s] = stamp;
          candidates[count++] = s;
        }
      }
    }
    if (count > options.sample()) {
      Arrays.sort(candidates, 0, count);
      System.arraycopy(candidates, count - options.sample(), candidates, 0, options.sample());
      count = options.sample();
    }
    float[] similarity = new float[count];
    int[] match = new int[count];
    int[] ids = new int[count];
    for (int c = 0; c < count; c++) {
      ids[c] = c;
      int s = candidates[c];
      int itemStamp = ++sc.itemStamp;
      double sim = 0;
      int bestPosition = -1;
      int matchAt = sessionOffsets[s];
      for (int e = sessionOffsets[s]; e < sessionOffsets[s + 1]; e++) {
        int p = items[e];
        float w = sc.queryWeight[p];
        if (w > 0 && sc.itemMark[p] != itemStamp) {
          sc.itemMark[p] = itemStamp;
          sim += options.idf() ? w * idf[p] : w;
        }
        if (w > 0 && sc.queryPosition[p] >= bestPosition) {
          bestPosition = sc.queryPosition[p];
          matchAt = e;
        }
      }
      if (options.normalize()) {
        sim /= Math.sqrt((double) distinctQuery * distinctLength[s]);
      }
      if (options.lambda2() > 0) {
        sim *= Math.exp(-(lastTime - sessionTimes[s]) / (options.lambda2() * DAY_MS));
      }
      similarity[c] = (float) sim;
      match[c] = matchAt;
    }
    List<ScoredItem> best = TopK.select(similarity, ids, count, options.neighbours());
    for (ScoredItem b : best) {
      if (b.score() <= 0) {
        continue;
      }
      int s = candidates[b.product()];
      int m = match[b.product()];
      int from = options.forwardOnly() ? m + 1 : sessionOffsets[s];
      for (int e = from; e < sessionOffsets[s + 1]; e++) {
        double w = options.lambda3() > 0 ? Math.exp(-Math.abs(e - m) / options.lambda3()) : 1;
        out[items[e]] += (float) (b.score() * w);
      }
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
