package dev.aisle.rank;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * The ranker's tree evaluation, {@link FlatTrees} in Java against XGBoost's in-place prediction
 * (the JNI call the ranker made before), on one thread: a booster of the bench shop's rank
 * model's shape (rank:pairwise, depth 4, TREES rounds kept, 52 features) trained on rows shaped
 * as the ranker's (ranks 1-41, shares with 40% missing, log counts), then queries of ROWS
 * candidates, alternating the two ways in rounds of 2 s. Prints each round's microseconds per
 * query (thread CPU time) and checks that both give the same margins. Run by
 * bench/rank-trees.sh; in package dev.aisle.rank to reach the package's classes.
 */
public class RankTreesBench {
  private static final int WIDTH = 52;

  public static void main(String[] args) throws Exception {
    int trees = Integer.getInteger("trees", 226);
    int rows = Integer.getInteger("rows", 160);
    SplittableRandom random = new SplittableRandom(1);
    int groups = 2_000;
    float[] learn = rows(random, groups * rows);
    float[] labels = new float[groups * rows];
    int[] sizes = new int[groups];
    for (int g = 0; g < groups; g++) {
      sizes[g] = rows;
      int best = g * rows;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = g * rows; i < (g + 1) * rows; i++) {
        float share = learn[i * WIDTH + 1];
        double score = -learn[i * WIDTH] + 20 * (Float.isNaN(share) ? 0.2 : share)
            + 3 * learn[i * WIDTH + 5] + 5 * random.nextDouble();
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      }
      labels[best] = 1;
    }
    DMatrix m = new DMatrix(learn, groups * rows, WIDTH, Float.NaN);
    m.setLabel(labels);
    m.setGroup(sizes);
    Map<String, Object> params = new HashMap<>();
    params.put("objective", "rank:pairwise");
    params.put("max_depth", 4);
    params.put("eta", 0.05);
    params.put("subsample", 0.8);
    params.put("colsample_bytree", 0.8);
    params.put("tree_method", "hist");
    params.put("verbosity", 0);
    Booster booster = XGBoost.train(m, params, trees, Map.of(), null, null);
    booster.setParam("nthread", 1);
    FlatTrees flat = FlatTrees.of(booster, trees);
    int[] range = {0, trees};

    float[][] queries = new float[50][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = rows(random, rows);
      float[] ours = new float[rows];
      flat.predict(queries[q], rows, WIDTH, ours);
      float[][] theirs = booster.inplace_predict(queries[q], rows, WIDTH, Float.NaN, range);
      for (int r = 0; r < rows; r++) {
        if (ours[r] != theirs[r][0]) {
          throw new AssertionError("query " + q + " row " + r + ": " + ours[r] + " != "
              + theirs[r][0]);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%d trees of depth 4, %d rows a query, %d features; the "
        + "margins agree on %d queries%n", trees, rows, WIDTH, queries.length);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    float[] out = new float[rows];
    for (String round : new String[] {"warm-up", "1", "2", "3"}) {
      long cpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      int n = 0;
      while (System.nanoTime() - start < 2_000_000_000L) {
        flat.predict(queries[n++ % queries.length], rows, WIDTH, out);
      }
      double java = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
      cpu = threads.getCurrentThreadCpuTime();
      start = System.nanoTime();
      int k = 0;
      while (System.nanoTime() - start < 2_000_000_000L) {
        booster.inplace_predict(queries[k++ % queries.length], rows, WIDTH, Float.NaN, range);
      }
      double xgboost = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / k;
      System.out.printf(Locale.ROOT, "round %s: FlatTrees %.1f us, XGBoost inplace_predict "
          + "%.1f us a query (%.2fx)%n", round, java, xgboost, xgboost / java);
    }
  }

  private static float[] rows(SplittableRandom random, int rows) {
    float[] f = new float[rows * WIDTH];
    for (int i = 0; i < f.length; i++) {
      int j = i % WIDTH;
      f[i] = j % 3 == 0 ? 1 + random.nextInt(41)
          : j % 3 == 1 ? (random.nextDouble() < 0.4 ? Float.NaN : (float) random.nextDouble())
          : (float) Math.log(1 + random.nextInt(1000));
    }
    return f;
  }
}
