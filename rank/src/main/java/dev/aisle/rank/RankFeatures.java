package dev.aisle.rank;

import dev.aisle.linalg.VectorMath;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.VectorModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The candidates of a session and one feature row per candidate. Candidates are the union of
 * each candidate model's top {@code n} and the session's own products. Features, in {@link
 * #NAMES} order:
 *
 * <ul>
 *   <li>per candidate model: its score scaled to its top {@code n} in this session (1 = its
 *       best, 0 = its {@code n}-th; {@code _score}) and the candidate's rank there ({@code n + 1}
 *       when not there; {@code _rank});
 *   <li>popularity: log((1 + events) / (1 + mean events per product)), the same over the recent
 *       events, and (recent + 1) / (events + 1);
 *   <li>the session: whether the candidate was browsed in it, how many products ago (missing
 *       when never), how often, whether it is the last product; the session's length and
 *       distinct products;
 *   <li>whether it shares the last product's category (missing without categories);
 *   <li>how many candidate models proposed it;
 *   <li>sequence position, from the {@link CoVisits} of the training sessions, with the
 *       session's last, second-last and third-last distinct product as the anchor {@code a}
 *       (missing when the session has fewer): the share of a's next events that were the
 *       candidate ({@code next_1..3}, a Markov chain's transition probability) and the share of
 *       the events near a that were the candidate ({@code near_1..3});
 *   <li>the cosine of the candidate's item2vec vector with the last product's and with the
 *       mean of the session's (unit) vectors.
 * </ul>
 *
 * <p>Every feature is a rank, a share or a ratio, none a raw count or score: the ranker learns
 * on candidate models trained on part of the data and answers with models trained on all of it,
 * whose counts and scores are larger.
 *
 * <p>The time since the last event and the event types (view, cart, purchase) are not features:
 * a query is the session's products only ({@link dev.aisle.model.Recommender#scoreNext}).
 *
 * <p>Thread-safe: per-query memory lives in a {@link Scratch} that each thread owns (three
 * arrays of one entry per product).
 */
final class RankFeatures {
  static final List<String> NAMES = names();

  /** Features per row. */
  static final int WIDTH = NAMES.size();

  /** Anchors of the sequence-position features: the last this many distinct products. */
  private static final int ANCHORS = 3;

  private final CandidateModels models;
  private final ProductStats stats;
  private final CoVisits visits;
  private final VectorModel item2vec;
  private final int n;
  private final double meanCount;
  private final double meanRecent;

  RankFeatures(CandidateModels models, ProductStats stats, CoVisits visits, int n) {
    this.models = models;
    this.stats = stats;
    this.visits = visits;
    this.item2vec = models.item2vec();
    this.n = n;
    this.meanCount = java.util.Arrays.stream(stats.count()).asDoubleStream().average().orElse(0);
    this.meanRecent = java.util.Arrays.stream(stats.recent()).asDoubleStream().average()
        .orElse(0);
  }

  /**
   * One thread's buffers: which products are candidates already (by a generation stamp, so that
   * nothing is cleared between queries), each candidate's rank in every model's top, the feature
   * rows, and each candidate model's {@link CandidateSource.Buffers}.
   */
  static final class Scratch {
    final CandidateSource.Buffers[] buffers;
    final int[] stamp;
    final int[] index;
    int generation;
    int[] products = new int[0];
    int[] ranks = new int[0];
    float[] features = new float[0];
    /** Each candidate model's score of each candidate. */
    final float[][] scores;

    Scratch(CandidateModels models, int products) {
      buffers = new CandidateSource.Buffers[models.size()];
      for (int m = 0; m < models.size(); m++) {
        buffers[m] = models.source(m).buffers(products);
      }
      scores = new float[models.size()][0];
      stamp = new int[products];
      index = new int[products];
    }

    /** Whether the last query proposed {@code product}. */
    boolean proposed(int product) {
      return stamp[product] == generation;
    }

    void reserve(int candidates, int models) {
      if (products.length < candidates) {
        products = new int[candidates];
        ranks = new int[candidates * models];
        features = new float[candidates * WIDTH];
        for (int m = 0; m < models; m++) {
          scores[m] = new float[candidates];
        }
      }
    }
  }

  Scratch scratch() {
    return new Scratch(models, stats.count().length);
  }

  /**
   * A session's candidates, in the scratch they were found with: valid until its next query.
   *
   * @param products candidate product ordinals, in the order proposed, the first {@code size}
   * @param features {@code size} rows of {@link #WIDTH} features, row-major
   * @param size candidates
   */
  record Candidates(int[] products, float[] features, int size) {}

  /**
   * Candidate {@code i}'s reciprocal rank fusion over the candidate models: the sum of 1 / (60 +
   * its rank) in each (Cormack, Clarke and Buettcher, "Reciprocal rank fusion outperforms
   * Condorcet and individual rank learning methods", SIGIR 2009, whose k = 60).
   */
  double fusedRank(Candidates c, int i) {
    double sum = 0;
    for (int m = 0; m < models.size(); m++) {
      sum += 1.0 / (60 + c.features()[i * WIDTH + 2 * m + 1]);
    }
    return sum;
  }

  Candidates of(int[] session, Scratch s) {
    int gen = ++s.generation;
    int parts = models.size();
    s.reserve(parts * n + session.length, parts);
    int[] anchors = anchors(session, Math.max(ANCHORS, CandidateSource.POOL_ANCHORS));
    CandidateSource.Answer[] answers = new CandidateSource.Answer[parts];
    int count = 0;
    for (int m = 0; m < parts; m++) {
      answers[m] = models.source(m).answer(session, anchors, n, s.buffers[m]);
      List<ScoredItem> top = answers[m].top();
      for (int r = 0; r < top.size(); r++) {
        int p = top.get(r).product();
        if (s.stamp[p] != gen) {
          add(s, gen, p, count++, parts);
        }
        s.ranks[s.index[p] * parts + m] = r + 1;
      }
    }
    for (int p : session) {
      if (s.stamp[p] != gen) {
        add(s, gen, p, count++, parts);
      }
    }
    int[] products = s.products;
    float[] f = s.features;
    int last = session[session.length - 1];
    int distinct = (int) java.util.Arrays.stream(session).distinct().count();
    float[] unit = item2vec.unitVectors();
    int dim = item2vec.dim();
    float[] mean = new float[dim];
    for (int p : session) {
      VectorMath.axpy(1, unit, p * dim, mean, 0, dim);
    }
    float meanNorm = (float) Math.sqrt(VectorMath.dot(mean, 0, mean, 0, dim));
    float[] best = new float[parts];
    float[] worst = new float[parts];
    for (int m = 0; m < parts; m++) {
      answers[m].scores().of(products, count, s.scores[m]);
      List<ScoredItem> top = answers[m].top();
      best[m] = top.isEmpty() ? 0 : top.get(0).score();
      worst[m] = top.isEmpty() ? 0 : top.get(top.size() - 1).score();
    }
    for (int i = 0; i < count; i++) {
      int p = products[i];
      int o = i * WIDTH;
      int sources = 0;
      for (int m = 0; m < parts; m++) {
        int rank = s.ranks[i * parts + m];
        if (rank <= n) {
          sources++;
        }
        float score = s.scores[m][i];
        f[o++] = best[m] > worst[m] ? (score - worst[m]) / (best[m] - worst[m]) : Float.NaN;
        f[o++] = rank;
      }
      int events = stats.count()[p];
      int recent = stats.recent()[p];
      f[o++] = (float) Math.log((events + 1.0) / (meanCount + 1.0));
      f[o++] = (float) Math.log((recent + 1.0) / (meanRecent + 1.0));
      f[o++] = (recent + 1f) / (events + 1f);
      int lastIndex = -1;
      int times = 0;
      for (int j = 0; j < session.length; j++) {
        if (session[j] == p) {
          lastIndex = j;
          times++;
        }
      }
      f[o++] = lastIndex >= 0 ? 1 : 0;
      f[o++] = lastIndex >= 0 ? session.length - 1 - lastIndex : Float.NaN;
      f[o++] = times;
      f[o++] = p == last ? 1 : 0;
      f[o++] = session.length;
      f[o++] = distinct;
      int c = stats.category()[p];
      int cl = stats.category()[last];
      f[o++] = !stats.hasCategories() || c < 0 || cl < 0 ? Float.NaN : c == cl ? 1 : 0;
      f[o++] = sources;
      for (int k = 0; k < ANCHORS; k++) {
        f[o++] = k < anchors.length ? visits.next().share(anchors[k], p) : Float.NaN;
      }
      for (int k = 0; k < ANCHORS; k++) {
        f[o++] = k < anchors.length ? visits.near().share(anchors[k], p) : Float.NaN;
      }
      f[o++] = item2vec.cosine(last, p);
      f[o] = meanNorm > 0 ? VectorMath.dot(mean, 0, unit, p * dim, dim) / meanNorm : 0;
    }
    return new Candidates(products, f, count);
  }

  /** Makes {@code p} candidate {@code i}, in no model's top yet. */
  private void add(Scratch s, int gen, int p, int i, int parts) {
    s.stamp[p] = gen;
    s.index[p] = i;
    s.products[i] = p;
    java.util.Arrays.fill(s.ranks, i * parts, i * parts + parts, n + 1);
  }

  /** The session's last {@code count} distinct products (fewer when it has fewer), latest first. */
  static int[] anchors(int[] session, int count) {
    int[] anchors = new int[count];
    int k = 0;
    for (int j = session.length - 1; j >= 0 && k < count; j--) {
      boolean repeat = false;
      for (int x = 0; x < k; x++) {
        repeat |= anchors[x] == session[j];
      }
      if (!repeat) {
        anchors[k++] = session[j];
      }
    }
    return java.util.Arrays.copyOf(anchors, k);
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (String m : CandidateModels.PARTS) {
      names.add(m + "_score");
      names.add(m + "_rank");
    }
    names.addAll(List.of("pop_relative", "recent_relative", "trend", "in_session", "since_seen",
        "times_seen", "is_last", "session_length", "session_distinct", "same_category_last",
        "sources", "next_1", "next_2", "next_3", "near_1", "near_2", "near_3",
        "item2vec_cos_last", "item2vec_cos_mean"));
    return List.copyOf(names);
  }
}
