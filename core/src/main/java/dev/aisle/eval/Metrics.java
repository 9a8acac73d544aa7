package dev.aisle.eval;

import dev.aisle.model.ScoredItem;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accumulates the metrics of next-item and rest-of-session predictions at several cut-offs. Each
 * prediction adds the pessimistic rank of the next product, its rank with ties broken as served
 * ({@link #servedTies}) and the top list the model gave.
 *
 * <table>
 *   <caption>Metrics at cut-off k, averaged over predictions</caption>
 *   <tr><td>HR@k</td><td>1 if the next product is ranked within k</td></tr>
 *   <tr><td>MRR@k</td><td>1 / rank if within k, else 0</td></tr>
 *   <tr><td>NDCG@k</td><td>1 / log2(rank + 1) if within k, else 0 (one relevant product)</td></tr>
 *   <tr><td>Precision@k, Recall@k</td><td>of the top k against the rest of the session's distinct
 *       products</td></tr>
 *   <tr><td>coverage@k</td><td>distinct products in any top k list / all products</td></tr>
 *   <tr><td>popularity@k</td><td>mean of count / max count over the top k products
 *       (session-rec's popularity bias)</td></tr>
 * </table>
 *
 * <p>Not thread-safe.
 */
public final class Metrics {
  private final int[] ks;
  private final double[] hits;
  private final double[] reciprocalRank;
  private final double[] servedHits;
  private final double[] servedReciprocalRank;
  private final double[] ndcg;
  private final double[] precision;
  private final double[] recall;
  private final double[] popularity;
  private final boolean[][] covered;
  private final float[] relativePopularity;
  private long predictions;

  /**
   * @param ks cut-offs, e.g. {1, 5, 10, 20}
   * @param productCounts training counts by product ordinal
   */
  public Metrics(int[] ks, int[] productCounts) {
    this.ks = ks.clone();
    Arrays.sort(this.ks);
    if (this.ks.length == 0 || this.ks[0] < 1) {
      throw new IllegalArgumentException("cut-offs must be >= 1, were " + Arrays.toString(ks));
    }
    int n = ks.length;
    hits = new double[n];
    reciprocalRank = new double[n];
    servedHits = new double[n];
    servedReciprocalRank = new double[n];
    ndcg = new double[n];
    precision = new double[n];
    recall = new double[n];
    popularity = new double[n];
    covered = new boolean[n][productCounts.length];
    relativePopularity = new float[productCounts.length];
    int max = Arrays.stream(productCounts).max().orElse(1);
    for (int p = 0; p < productCounts.length; p++) {
      relativePopularity[p] = (float) productCounts[p] / Math.max(1, max);
    }
  }

  /** The largest cut-off: how long a top list each prediction needs. */
  public int maxK() {
    return ks[ks.length - 1];
  }

  /**
   * The pessimistic rank of {@code target}: 1 + products scoring higher + other products scoring
   * the same. NaN scores rank last.
   */
  public static int rank(float[] scores, int target) {
    float t = scores[target];
    if (Float.isNaN(t)) {
      return scores.length;
    }
    int higherOrTied = 0;
    for (int p = 0; p < scores.length; p++) {
      if (scores[p] >= t) {
        higherOrTied++;
      }
    }
    return higherOrTied; // counts the target itself once: 1 + higher + tied others
  }

  /**
   * The two ranks of one next product, from one pass over the scores.
   *
   * @param worst the pessimistic rank ({@link #rank})
   * @param served its place in the list a server answers with: 1 + products scoring higher +
   *     products scoring the same with a lower ordinal, i.e. more popular ones, as {@link
   *     dev.aisle.model.TopK} breaks ties
   */
  public record Ranks(int worst, int served) {}

  /** Both ranks of {@code target}. NaN scores rank last. */
  public static Ranks ranks(float[] scores, int target) {
    float t = scores[target];
    if (Float.isNaN(t)) {
      return new Ranks(scores.length, scores.length);
    }
    int higher = 0;
    int tiedBefore = 0;
    int tiedAfter = 0;
    for (int p = 0; p < scores.length; p++) {
      if (scores[p] > t) {
        higher++;
      } else if (scores[p] == t && p != target) {
        if (p < target) {
          tiedBefore++;
        } else {
          tiedAfter++;
        }
      }
    }
    return new Ranks(1 + higher + tiedBefore + tiedAfter, 1 + higher + tiedBefore);
  }

  /**
   * Adds one prediction.
   *
   * @param rank the pessimistic rank of the next product
   * @param servedRank its rank with ties broken as served, for {@link #servedTies}
   * @param top the model's best products, at least {@link #maxK()} of them where it has them
   * @param rest the distinct products of the rest of the session
   */
  public void add(int rank, int servedRank, List<ScoredItem> top, int[] rest) {
    predictions++;
    for (int i = 0; i < ks.length; i++) {
      int k = ks[i];
      if (rank <= k) {
        hits[i]++;
        reciprocalRank[i] += 1.0 / rank;
        ndcg[i] += 1.0 / (Math.log(rank + 1) / Math.log(2));
      }
      if (servedRank <= k) {
        servedHits[i]++;
        servedReciprocalRank[i] += 1.0 / servedRank;
      }
      int limit = Math.min(k, top.size());
      int found = 0;
      double pop = 0;
      for (int r = 0; r < limit; r++) {
        int p = top.get(r).product();
        covered[i][p] = true;
        pop += relativePopularity[p];
        for (int x : rest) {
          if (x == p) {
            found++;
            break;
          }
        }
      }
      precision[i] += (double) found / k;
      recall[i] += rest.length == 0 ? 0 : (double) found / rest.length;
      popularity[i] += limit == 0 ? 0 : pop / limit;
    }
  }

  public long predictions() {
    return predictions;
  }

  /** All metrics as {@code "HR@20" -> 0.61}, in a fixed order; fractions in [0, 1]. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    double n = Math.max(1, predictions);
    String[] names = {"HR", "MRR", "NDCG", "Precision", "Recall", "coverage", "popularity"};
    for (String name : names) {
      for (int i = 0; i < ks.length; i++) {
        String key = String.format(Locale.ROOT, "%s@%d", name, ks[i]);
        double v;
        switch (name) {
          case "HR": v = hits[i] / n; break;
          case "MRR": v = reciprocalRank[i] / n; break;
          case "NDCG": v = ndcg[i] / n; break;
          case "Precision": v = precision[i] / n; break;
          case "Recall": v = recall[i] / n; break;
          case "coverage": v = coverage(covered[i]); break;
          default: v = popularity[i] / n; break;
        }
        m.put(key, v);
      }
    }
    return m;
  }

  /** HR@k and MRR@k with ties broken as served, as {@code "HR@20" -> 0.61}; HR first. */
  public Map<String, Double> servedTies() {
    Map<String, Double> m = new LinkedHashMap<>();
    double n = Math.max(1, predictions);
    for (int i = 0; i < ks.length; i++) {
      m.put("HR@" + ks[i], servedHits[i] / n);
    }
    for (int i = 0; i < ks.length; i++) {
      m.put("MRR@" + ks[i], servedReciprocalRank[i] / n);
    }
    return m;
  }

  private static double coverage(boolean[] covered) {
    int c = 0;
    for (boolean b : covered) {
      if (b) {
        c++;
      }
    }
    return covered.length == 0 ? 0 : (double) c / covered.length;
  }
}
