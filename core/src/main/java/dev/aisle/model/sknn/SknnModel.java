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
 * costs the same at a million products as at a thousand; at a million, what it costs is waiting
 * on memory for the scattered sessions, so they are fetched together before they are scored, and
 * its working arrays are kept per thread. Immutable and thread-safe.
 */
public final class SknnModel implements SparseRecommender {
  private static final double DAY_MS = 86_400_000.0;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
  /** exp(-d / lambda3) by the distance d of a vote from its match (lambda3 > 0). */
  private final double[] distanceDecay;

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
    int longest = 1;
    for (int s = 0; s < sessions; s++) {
      longest = Math.max(longest, sessionOffsets[s + 1] - sessionOffsets[s]);
    }
    distanceDecay = new double[options.lambda3() > 0 ? longest : 0];
    for (int d = 0; d < distanceDecay.length; d++) {
      distanceDecay[d] = Math.exp(-d / options.lambda3());
    }
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
    votes(session).copyTo(out);
  }

  @Override
  public List<ScoredItem> topRelated(int product, int k) {
    return topNext(new int[] {product}, k);
  }

  /** Adds the neighbours' votes for the products after {@code session} to {@code into}. */
  @Override
  public void sparseNext(int[] session, SparseScores into) {
    vote(session, SCRATCH.get(), into);
  }

  /** The best of {@link #sparseNext}. */
  @Override
  public List<ScoredItem> topNext(int[] session, int k) {
    return votes(session).top(k, products.size());
  }

  /** The neighbours' votes for the products after {@code session}, in this thread's map. */
  private SparseScores votes(int[] session) {
    Scratch scratch = SCRATCH.get();
    SparseScores votes = scratch.votes;
    votes.clear();
    vote(session, scratch, votes);
    return votes;
  }

  /**
   * Adds the votes of the session's {@code neighbours} most similar candidates to {@code out}:
   * each of a neighbour's products gets its similarity, decayed by the distance from the match
   * when {@code lambda3} is on. Neighbours vote best first (ties to the earlier candidate), so
   * that a product's votes are summed in one order, whichever way the similarities came.
   */
  private void vote(int[] session, Scratch scratch, SparseScores out) {
    Query query = new Query(session, options);
    int count = candidates(query, scratch);
    int[] candidates = scratch.candidates;
    long[] ranked = scratch.ranked = Scratch.fit(scratch.ranked, count);
    int[] match = scratch.match = Scratch.fit(scratch.match, count);
    boolean one = query.size() == 1;
    if (one) {
      warmTimes(candidates, count, scratch);
      similarityOfOne(query, candidates, count, ranked);
    } else {
      similarity(query, candidates, count, ranked, match, scratch);
    }
    int best = TopK.selectPacked(ranked, count, options.neighbours());
    int[] voters = scratch.voters = Scratch.fit(scratch.voters, best);
    for (int i = 0; i < best; i++) {
      voters[i] = candidates[TopK.packedId(ranked[i])];
    }
    warm(voters, best, scratch);
    for (int i = 0; i < best; i++) {
      float score = TopK.packedScore(ranked[i]);
      if (score <= 0) {
        continue;
      }
      int s = voters[i];
      int m = one ? lastMatch(s, query.product[0]) : match[TopK.packedId(ranked[i])];
      int from = options.forwardOnly() ? m + 1 : sessionOffsets[s];
      for (int e = from; e < sessionOffsets[s + 1]; e++) {
        double w = options.lambda3() > 0 ? distanceDecay[Math.abs(e - m)] : 1;
        out.add(items[e], (float) (score * w));
      }
    }
  }

  /**
   * The similarity of each candidate to a query of several products, packed with the candidate's
   * index ({@link TopK#pack}), and the event of its best match: the last occurrence of the most
   * recent query product it holds. The sessions' first cache lines are fetched before any is
   * scored ({@link #warm}).
   */
  private void similarity(Query query, int[] candidates, int count, long[] ranked, int[] match,
      Scratch scratch) {
    warmTimes(candidates, count, scratch);
    warm(candidates, count, scratch);
    int[] start = scratch.start;
    int[] end = scratch.end;
    int[] seen = scratch.seen = Scratch.fit(scratch.seen, query.size());
    Arrays.fill(seen, 0, query.size(), 0);
    for (int c = 0; c < count; c++) {
      int s = candidates[c];
      double sim = 0;
      int bestPosition = -1;
      int matchAt = start[c];
      for (int e = start[c]; e < end[c]; e++) {
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
      ranked[c] = TopK.pack((float) scaled(sim, query.size(), s), c);
      match[c] = matchAt;
    }
  }

  /**
   * The similarity of each candidate to a query of one product, which every candidate holds: the
   * product's weight, normalised by the candidate's length and decayed by its age, so the
   * candidates' sessions are not read (their match is found only for those that vote, {@link
   * #lastMatch}). Scaled as {@link #similarity} scales, so the same bits.
   */
  private void similarityOfOne(Query query, int[] candidates, int count, long[] ranked) {
    float w = query.weight[0];
    double weight = options.idf() ? w * idf[query.product[0]] : w;
    for (int c = 0; c < count; c++) {
      int s = candidates[c];
      ranked[c] = TopK.pack((float) scaled(weight, 1, s), c);
    }
  }

  /**
   * A candidate's overlap {@code sim} with a query of {@code querySize} distinct products,
   * normalised by both lengths and decayed by the candidate session's age, as the options say.
   */
  private double scaled(double sim, int querySize, int s) {
    if (options.normalize()) {
      sim /= Math.sqrt((double) querySize * distinctLength[s]);
    }
    if (options.lambda2() > 0) {
      sim *= Math.exp(-(lastTime - sessionTimes[s]) / (options.lambda2() * DAY_MS));
    }
    return sim;
  }

  /** The last event of session {@code s} that is {@code product}. */
  private int lastMatch(int s, int product) {
    for (int e = sessionOffsets[s + 1] - 1; e > sessionOffsets[s]; e--) {
      if (items[e] == product) {
        return e;
      }
    }
    return sessionOffsets[s];
  }

  /**
   * Reads where each of {@code sessions[0, count)} starts and ends into {@code scratch.start} and
   * {@code scratch.end}, then its first and last products, in tight loops: the sessions lie
   * scattered over a few hundred megabytes, and loads that do not wait on each other are fetched
   * from memory together, where the scoring loop would wait for each session in turn.
   */
  private void warm(int[] sessions, int count, Scratch scratch) {
    int[] start = scratch.start = Scratch.fit(scratch.start, count);
    int[] end = scratch.end = Scratch.fit(scratch.end, count);
    for (int c = 0; c < count; c++) {
      start[c] = sessionOffsets[sessions[c]];
      end[c] = sessionOffsets[sessions[c] + 1];
    }
    long touched = 0;
    for (int c = 0; c < count; c++) {
      touched += items[start[c]] + items[end[c] - 1];
    }
    scratch.touched += touched;
  }

  /** Reads the sessions' times ahead of scoring, as {@link #warm} does, when age decays. */
  private void warmTimes(int[] sessions, int count, Scratch scratch) {
    if (options.lambda2() > 0) {
      long touched = 0;
      for (int c = 0; c < count; c++) {
        touched += sessionTimes[sessions[c]];
      }
      scratch.touched += touched;
    }
  }

  /**
   * The training sessions sharing a product with the query, the most recent {@code sample} of
   * them, into {@code scratch.candidates}: in the order first found (query product by query
   * product, each one's sessions oldest first) when there are no more than that, else ascending.
   * Only the last {@code sample} of each product's postings can be among the most recent {@code
   * sample} of their union, so a popular product's long list is never read in full; for one
   * product they are the end of its postings.
   *
   * @return how many
   */
  private int candidates(Query query, Scratch scratch) {
    int sample = options.sample();
    if (query.size() == 1) {
      int p = query.product[0];
      int from = Math.max(postingOffsets[p], postingOffsets[p + 1] - sample);
      int count = postingOffsets[p + 1] - from;
      scratch.candidates = Scratch.fit(scratch.candidates, count);
      System.arraycopy(postings, from, scratch.candidates, 0, count);
      return count;
    }
    int total = 0;
    for (int q = 0; q < query.size(); q++) {
      int p = query.product[q];
      total += Math.min(sample, postingOffsets[p + 1] - postingOffsets[p]);
    }
    int[] candidates = scratch.candidates = Scratch.fit(scratch.candidates, total);
    SparseScores found = scratch.found;
    found.clear();
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
    return count;
  }

  /**
   * One thread's working arrays, grown to its largest query and kept, so that a query allocates
   * little beyond its answer. Only {@link #vote} and what it calls touch them, never two queries
   * at once (one per thread).
   */
  private static final class Scratch {
    int[] candidates = new int[0];
    long[] ranked = new long[0];
    int[] match = new int[0];
    int[] start = new int[0];
    int[] end = new int[0];
    int[] seen = new int[0];
    int[] voters = new int[0];
    final SparseScores found = new SparseScores(1024);
    final SparseScores votes = new SparseScores(1024);
    /** The sum of what {@link #warm} read, kept so that the compiler cannot drop the reads. */
    long touched;

    static int[] fit(int[] a, int n) {
      return a.length >= n ? a : new int[Math.max(n, a.length * 2)];
    }

    static long[] fit(long[] a, int n) {
      return a.length >= n ? a : new long[Math.max(n, a.length * 2)];
    }
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
