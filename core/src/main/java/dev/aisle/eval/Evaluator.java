package dev.aisle.eval;

import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.parallel.Parallel;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Runs the next-item and rest-of-session tasks for one model over test sessions, timing every
 * prediction.
 *
 * <pre>
 * Evaluator.Result r = Evaluator.evaluate(model, TestSessions.of(train.products(), test),
 *     new int[] {1, 5, 10, 20}, null);
 * double hr20 = r.metrics().get("HR@20");
 * </pre>
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * Metrics and prediction latency of one model.
   *
   * @param metrics metric name to value, e.g. {@code HR@20}
   * @param predictions next-item predictions made
   * @param p50Millis median time of one prediction (scoring all products and taking the top list)
   * @param p99Millis 99th percentile of that time
   * @param byKind HR@k and MRR@k at the largest cut-off by the next product's kind ({@link
   *     NextKinds#values})
   * @param servedTies HR@k and MRR@k at every cut-off with ties broken as a server breaks them
   *     ({@link Metrics#servedTies}) instead of at their worst rank
   */
  public record Result(java.util.Map<String, Double> metrics, long predictions, double p50Millis,
      double p99Millis, java.util.Map<String, java.util.Map<String, Double>> byKind,
      java.util.Map<String, Double> servedTies) {}

  /**
   * Evaluates {@code model}.
   *
   * @param progress receives the number of predictions made so far, or null
   */
  public static Result evaluate(Recommender model, TestSessions test, int[] ks,
      LongConsumer progress) {
    int[] counts = model.products().counts();
    Metrics metrics = new Metrics(ks, counts);
    NextKinds kinds = new NextKinds(metrics.maxK());
    float[] scores = new float[counts.length];
    long[] nanos = new long[(int) test.predictions()];
    int made = 0;
    for (int[] session : test.sessions()) {
      for (int i = 1; i < session.length; i++) {
        int[] prefix = Arrays.copyOf(session, i);
        long t0 = System.nanoTime();
        model.scoreNext(prefix, scores);
        List<ScoredItem> top = TopK.select(scores, metrics.maxK(), null);
        nanos[made] = System.nanoTime() - t0;
        Metrics.Ranks rank = Metrics.ranks(scores, session[i]);
        metrics.add(rank.worst(), rank.served(), top, distinct(session, i));
        kinds.add(prefix, session[i], rank.worst());
        made++;
        if (progress != null && made % 256 == 0) {
          progress.accept(made);
        }
      }
    }
    Arrays.sort(nanos, 0, made);
    return new Result(metrics.values(), made, percentile(nanos, made, 0.50) / 1e6,
        percentile(nanos, made, 0.99) / 1e6, kinds.values(), metrics.servedTies());
  }

  /**
   * HR@k and MRR@k alone, the same numbers {@link #evaluate} gives, computed fast for learning
   * curves and early stopping: prefixes go to the model in batches ({@link
   * Recommender#scoreNextBatch}) on {@code threads} threads, with no timing.
   *
   * @return {@code {HR@k, MRR@k}}
   */
  public static double[] hitRateAndMrr(Recommender model, TestSessions test, int k,
      int threads) {
    return hitRateAndMrr(model, test, k, threads, () -> false);
  }

  /**
   * As {@link #hitRateAndMrr(Recommender, TestSessions, int, int)}, asking {@code stop} before
   * every batch of 256 prefixes: a search with a time budget abandons an evaluation that runs
   * past it.
   *
   * @return {@code {HR@k, MRR@k}}, or null when {@code stop} said so before the end
   */
  public static double[] hitRateAndMrr(Recommender model, TestSessions test, int k,
      int threads, java.util.function.BooleanSupplier stop) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    List<int[]> prefixes = new java.util.ArrayList<>();
    List<Integer> targets = new java.util.ArrayList<>();
    for (int[] session : test.sessions()) {
      for (int i = 1; i < session.length; i++) {
        prefixes.add(Arrays.copyOf(session, i));
        targets.add(session[i]);
      }
    }
    int chunk = 256;
    int chunks = (prefixes.size() + chunk - 1) / chunk;
    double[] hits = new double[chunks];
    double[] reciprocal = new double[chunks];
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    int n = model.products().size();
    java.util.concurrent.atomic.AtomicBoolean stopped =
        new java.util.concurrent.atomic.AtomicBoolean();
    Parallel.run(Math.max(1, Math.min(threads, chunks)), w -> {
      float[][] scores = new float[chunk][n];
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        if (stop.getAsBoolean()) {
          stopped.set(true);
          return;
        }
        int from = c * chunk;
        int to = Math.min(prefixes.size(), from + chunk);
        model.scoreNextBatch(prefixes.subList(from, to), scores);
        for (int i = from; i < to; i++) {
          int rank = Metrics.rank(scores[i - from], targets.get(i));
          if (rank <= k) {
            hits[c]++;
            reciprocal[c] += 1.0 / rank;
          }
        }
      }
    });
    if (stopped.get()) {
      return null;
    }
    double hr = 0;
    double mrr = 0;
    for (int c = 0; c < chunks; c++) {
      hr += hits[c];
      mrr += reciprocal[c];
    }
    int total = Math.max(1, prefixes.size());
    return new double[] {hr / total, mrr / total};
  }

  private static double percentile(long[] sorted, int n, double q) {
    if (n == 0) {
      return 0;
    }
    int i = (int) Math.min(n - 1, Math.ceil(q * n) - 1);
    return sorted[Math.max(0, i)];
  }

  private static int[] distinct(int[] session, int from) {
    return Arrays.stream(session, from, session.length).distinct().toArray();
  }
}
