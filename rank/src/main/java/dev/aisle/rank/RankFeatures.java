package dev.aisle.rank;

import dev.aisle.model.ScoredItem;
import java.util.ArrayList;
import java.util.List;

/**
 * The candidates of a session and one feature row per candidate. Candidates are the union of
 * each candidate model's top {@code n} and the session's own products. Features, in {@link
 * #NAMES} order:
 *
 * <ul>
 *   <li>per candidate model: its score, the candidate's rank in its top {@code n} ({@code n + 1}
 *       when not there) and the gap to its best score in this session;
 *   <li>popularity: log(1 + events), log(1 + recent events), (recent + 1) / (events + 1);
 *   <li>the session: whether the candidate was browsed in it, how many products ago (missing
 *       when never), how often, whether it is the last product; the session's length and
 *       distinct products;
 *   <li>whether it shares the last product's category (missing without categories);
 *   <li>how many candidate models proposed it.
 * </ul>
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

  private final CandidateModels models;
  private final ProductStats stats;
  private final int n;

  RankFeatures(CandidateModels models, ProductStats stats, int n) {
    this.models = models;
    this.stats = stats;
    this.n = n;
  }

  /**
   * One thread's buffers: which products are candidates already (by a generation stamp, so that
   * nothing is cleared between queries), each candidate's rank in every model's top, the feature
   * rows, and a score per product for the candidate models that score every product.
   */
  static final class Scratch {
    final float[][] dense;
    final int[] stamp;
    final int[] index;
    int generation;
    int[] products = new int[0];
    int[] ranks = new int[0];
    float[] features = new float[0];

    Scratch(CandidateModels models, int products) {
      dense = new float[models.size()][];
      for (int m = 0; m < models.size(); m++) {
        dense[m] = models.source(m).dense() ? new float[products] : null;
      }
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

  Candidates of(int[] session, Scratch s) {
    int gen = ++s.generation;
    int parts = models.size();
    s.reserve(parts * n + session.length, parts);
    CandidateSource.Answer[] answers = new CandidateSource.Answer[parts];
    int count = 0;
    for (int m = 0; m < parts; m++) {
      answers[m] = models.source(m).answer(session, n, s.dense[m]);
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
    for (int i = 0; i < count; i++) {
      int p = products[i];
      int o = i * WIDTH;
      int sources = 0;
      for (int m = 0; m < parts; m++) {
        List<ScoredItem> top = answers[m].top();
        int rank = s.ranks[i * parts + m];
        if (rank <= n) {
          sources++;
        }
        float best = top.isEmpty() ? 0 : top.get(0).score();
        float score = answers[m].score(p);
        f[o++] = score;
        f[o++] = rank;
        f[o++] = best - score;
      }
      int events = stats.count()[p];
      int recent = stats.recent()[p];
      f[o++] = (float) Math.log1p(events);
      f[o++] = (float) Math.log1p(recent);
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
      f[o] = sources;
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

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (String m : CandidateModels.PARTS) {
      names.add(m + "_score");
      names.add(m + "_rank");
      names.add(m + "_gap");
    }
    names.addAll(List.of("pop_log", "recent_log", "trend", "in_session", "since_seen",
        "times_seen", "is_last", "session_length", "session_distinct", "same_category_last",
        "sources"));
    return List.copyOf(names);
  }
}
