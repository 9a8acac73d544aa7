package dev.aisle.rank;

import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
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
 * <p>Thread-safe: per-query memory lives in a {@link Scratch} that each thread owns.
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

  /** One thread's buffers. */
  static final class Scratch {
    final float[][] scores;
    final int[] stamp;
    int generation;

    Scratch(int models, int products) {
      scores = new float[models][products];
      stamp = new int[products];
    }
  }

  Scratch scratch() {
    return new Scratch(models.size(), stats.count().length);
  }

  /**
   * A session's candidates.
   *
   * @param products candidate product ordinals, in the order proposed
   * @param features {@code products.length} rows of {@link #WIDTH} features, row-major
   */
  record Candidates(int[] products, float[] features) {
    int size() {
      return products.length;
    }
  }

  Candidates of(int[] session, Scratch s) {
    int gen = ++s.generation;
    List<List<ScoredItem>> tops = new ArrayList<>();
    int[] buf = new int[models.size() * n + session.length];
    int count = 0;
    for (int m = 0; m < models.size(); m++) {
      models.get(m).scoreNext(session, s.scores[m]);
      List<ScoredItem> top = TopK.select(s.scores[m], n, null);
      tops.add(top);
      for (ScoredItem item : top) {
        if (s.stamp[item.product()] != gen) {
          s.stamp[item.product()] = gen;
          buf[count++] = item.product();
        }
      }
    }
    for (int p : session) {
      if (s.stamp[p] != gen) {
        s.stamp[p] = gen;
        buf[count++] = p;
      }
    }
    int[] products = java.util.Arrays.copyOf(buf, count);
    float[] f = new float[count * WIDTH];
    int last = session[session.length - 1];
    int distinct = (int) java.util.Arrays.stream(session).distinct().count();
    for (int i = 0; i < count; i++) {
      int p = products[i];
      int o = i * WIDTH;
      int sources = 0;
      for (int m = 0; m < models.size(); m++) {
        List<ScoredItem> top = tops.get(m);
        int rank = n + 1;
        for (int r = 0; r < top.size(); r++) {
          if (top.get(r).product() == p) {
            rank = r + 1;
            break;
          }
        }
        if (rank <= n) {
          sources++;
        }
        float best = top.isEmpty() ? 0 : top.get(0).score();
        f[o++] = s.scores[m][p];
        f[o++] = rank;
        f[o++] = best - s.scores[m][p];
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
    return new Candidates(products, f);
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
