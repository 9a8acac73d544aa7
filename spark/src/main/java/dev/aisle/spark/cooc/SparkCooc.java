package dev.aisle.spark.cooc;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.model.SessionWeighting;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.model.cooc.CoocOptions;
import dev.aisle.spark.session.Sessions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Co-occurrence indicators on Spark: the same model as {@link CoocModel#train}, with the pair
 * matrix counted on the cluster. Each session emits its pairs once (weights summed within the
 * session, so each pair also counts the session once); {@code reduceByKey} adds them up; row and
 * column sums for LLR come from the pair totals and are broadcast; each product's row is scored
 * with {@link CoocModel#pairScore} and cut to its top indicators (ties to the more popular
 * product, as {@link dev.aisle.model.TopK} breaks them) before anything reaches the driver, which
 * receives at most {@code top} indicators per product.
 *
 * <p>Pair weights are summed in double precision in an order the cluster chooses, where the
 * embedded trainer sums floats session by session: scores agree to float rounding, and ties
 * that rounding splits may rank differently.
 *
 * <pre>
 * CoocModel m = SparkCooc.train(sessions, CoocOptions.from(Params.none()));
 * </pre>
 */
public final class SparkCooc {
  private SparkCooc() {}

  /** The options a worker needs, as plain fields (the options record is not Serializable). */
  private record Settings(int window, boolean directed, boolean distanceWeighted, String score,
      int top, int minCount) implements Serializable {
    Settings(CoocOptions o) {
      this(o.window(), o.directed(), o.distanceWeighted(), o.score(), o.top(), o.minCount());
    }

    CoocOptions options() {
      return new CoocOptions(window, directed, distanceWeighted, score, top, minCount,
          SessionWeighting.LAST, 1);
    }
  }

  /** Trains on the cleaned sessions. */
  public static CoocModel train(Sessions sessions, CoocOptions options) {
    ProductIndex products = sessions.products();
    int n = products.size();
    Settings settings = new Settings(options);
    JavaRDD<int[]> items = sessions.items();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(items.context());
    // (a << 32 | b) -> (weighted count, sessions)
    JavaPairRDD<Long, Tuple2<Double, Long>> pairs = items
        .flatMapToPair(s -> sessionPairs(settings, s))
        .reduceByKey((x, y) -> new Tuple2<>(x._1() + y._1(), x._2() + y._2()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    double[] rowSum = new double[n];
    double[] colSum = new double[n];
    for (Tuple2<Integer, Double> t : pairs.mapToPair(p -> new Tuple2<>(first(p._1()),
        p._2()._1())).reduceByKey(Double::sum).collect()) {
      rowSum[t._1()] = t._2();
    }
    for (Tuple2<Integer, Double> t : pairs.mapToPair(p -> new Tuple2<>(second(p._1()),
        p._2()._1())).reduceByKey(Double::sum).collect()) {
      colSum[t._1()] = t._2();
    }
    double total = 0;
    for (double r : rowSum) {
      total += r;
    }
    Broadcast<double[]> rows = jsc.broadcast(rowSum);
    Broadcast<double[]> cols = jsc.broadcast(colSum);
    Broadcast<int[]> counts = jsc.broadcast(products.counts());
    double grandTotal = total;
    List<Tuple2<Integer, Row>> best = pairs
        .filter(p -> p._2()._2() >= settings.minCount())
        .mapToPair(p -> {
          int a = first(p._1());
          int b = second(p._1());
          float score = CoocModel.pairScore(settings.options(), p._2()._1(), rows.value()[a],
              cols.value()[b], grandTotal, counts.value()[a], counts.value()[b]);
          return new Tuple2<>(a, new Row(new int[] {b}, new float[] {score},
              new int[] {(int) (long) p._2()._2()}));
        })
        .filter(t -> t._2().scores[0] > 0)
        .reduceByKey((x, y) -> Row.merge(x, y, settings.top()))
        .collect();
    pairs.unpersist();
    rows.destroy();
    cols.destroy();
    counts.destroy();
    Row[] byProduct = new Row[n];
    for (Tuple2<Integer, Row> t : best) {
      byProduct[t._1()] = t._2();
    }
    int[] offsets = new int[n + 1];
    for (int a = 0; a < n; a++) {
      offsets[a + 1] = offsets[a] + (byProduct[a] == null ? 0 : byProduct[a].ids.length);
    }
    int[] indicators = new int[offsets[n]];
    float[] scores = new float[offsets[n]];
    int[] together = new int[offsets[n]];
    for (int a = 0; a < n; a++) {
      Row r = byProduct[a];
      if (r != null) {
        System.arraycopy(r.ids, 0, indicators, offsets[a], r.ids.length);
        System.arraycopy(r.scores, 0, scores, offsets[a], r.ids.length);
        System.arraycopy(r.counts, 0, together, offsets[a], r.ids.length);
      }
    }
    return CoocModel.of(products, options, offsets, indicators, scores, together);
  }

  /** The pairs of one session with their weights summed, as the embedded trainer forms them. */
  private static Iterator<Tuple2<Long, Tuple2<Double, Long>>> sessionPairs(Settings o,
      int[] s) {
    Map<Long, Double> sum = new HashMap<>();
    int to = s.length;
    for (int i = 0; i < to; i++) {
      int start = o.directed() ? i + 1 : o.window() == 0 ? 0 : Math.max(0, i - o.window());
      int end = o.window() == 0 ? to : Math.min(to, i + o.window() + 1);
      for (int j = start; j < end; j++) {
        if (j == i) {
          continue;
        }
        double w = o.distanceWeighted() ? 1.0 / Math.abs(j - i) : 1.0;
        sum.merge(((long) s[i] << 32) | s[j], w, Double::sum);
      }
    }
    List<Tuple2<Long, Tuple2<Double, Long>>> out = new ArrayList<>(sum.size());
    for (Map.Entry<Long, Double> e : sum.entrySet()) {
      out.add(new Tuple2<>(e.getKey(), new Tuple2<>(e.getValue(), 1L)));
    }
    return out.iterator();
  }

  private static int first(long pair) {
    return (int) (pair >>> 32);
  }

  private static int second(long pair) {
    return (int) pair;
  }

  /** A product's best indicators so far, best first: score descending, then ordinal. */
  static final class Row implements Serializable {
    private static final long serialVersionUID = 1L;
    final int[] ids;
    final float[] scores;
    final int[] counts;

    Row(int[] ids, float[] scores, int[] counts) {
      this.ids = ids;
      this.scores = scores;
      this.counts = counts;
    }

    /** The best {@code top} of two sorted rows. */
    static Row merge(Row x, Row y, int top) {
      int k = Math.min(top, x.ids.length + y.ids.length);
      int[] ids = new int[k];
      float[] sc = new float[k];
      int[] cn = new int[k];
      int i = 0;
      int j = 0;
      for (int r = 0; r < k; r++) {
        boolean takeX = j >= y.ids.length || (i < x.ids.length
            && (x.scores[i] > y.scores[j] || (x.scores[i] == y.scores[j] && x.ids[i] < y.ids[j])));
        if (takeX) {
          ids[r] = x.ids[i];
          sc[r] = x.scores[i];
          cn[r] = x.counts[i++];
        } else {
          ids[r] = y.ids[j];
          sc[r] = y.scores[j];
          cn[r] = y.counts[j++];
        }
      }
      return new Row(ids, sc, cn);
    }
  }
}
