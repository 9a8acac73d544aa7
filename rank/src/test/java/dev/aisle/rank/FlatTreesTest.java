package dev.aisle.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java evaluation of a booster's trees against XGBoost's own prediction, on rows shaped as
 * the ranker's: groups of candidates, rank-like integer features (whose values fall on the split
 * thresholds), shares in [0, 1] and missing values, one relevant candidate per group.
 */
class FlatTreesTest {
  private static final int WIDTH = 12;

  /** Rows of {@code groups} groups of 40 candidates; label 1 on each group's likeliest. */
  private static float[] rows(SplittableRandom random, int rows) {
    float[] f = new float[rows * WIDTH];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < WIDTH; j++) {
        double u = random.nextDouble();
        f[r * WIDTH + j] = j % 3 == 0 ? 1 + random.nextInt(41) // a rank
            : j % 3 == 1 ? (u < 0.3 ? Float.NaN : (float) random.nextDouble()) // a share
            : (float) Math.log(1 + random.nextInt(1000)); // a popularity
      }
    }
    return f;
  }

  @ParameterizedTest(name = "{0} rounds of depth {1}, seed {2}")
  @CsvSource({"60, 4, 1", "200, 6, 2", "1, 2, 3"})
  void the_flat_trees_give_xgboosts_own_margins_bit_for_bit(int rounds, int depth, long seed)
      throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    int groups = 200;
    int size = 40;
    float[] learn = rows(random, groups * size);
    float[] labels = new float[groups * size];
    int[] sizes = new int[groups];
    for (int g = 0; g < groups; g++) {
      sizes[g] = size;
      int best = g * size;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = g * size; i < (g + 1) * size; i++) {
        float share = learn[i * WIDTH + 1];
        double score = -learn[i * WIDTH] + 20 * (Float.isNaN(share) ? 0.2 : share)
            + 5 * random.nextDouble();
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      }
      labels[best] = 1;
    }
    DMatrix m = new DMatrix(learn, groups * size, WIDTH, Float.NaN);
    m.setLabel(labels);
    m.setGroup(sizes);
    Map<String, Object> params = new HashMap<>();
    params.put("objective", "rank:pairwise");
    params.put("max_depth", depth);
    params.put("eta", 0.1);
    params.put("subsample", 0.8);
    params.put("tree_method", "hist");
    params.put("seed", seed);
    params.put("nthread", 1);
    params.put("verbosity", 0);
    Booster booster = XGBoost.train(m, params, rounds, Map.of(), null, null);
    m.dispose();

    float[] queries = rows(random, 5_000);
    int kept = Math.max(1, rounds - 7); // the ranker keeps the rounds early stopping chose
    FlatTrees trees = FlatTrees.of(booster, kept);
    float[] ours = new float[5_000];
    trees.predict(queries, 5_000, WIDTH, ours);
    float[][] theirs = booster.inplace_predict(queries, 5_000, WIDTH, Float.NaN,
        new int[] {0, kept});
    assertThat(trees.trees()).isEqualTo(kept);
    for (int r = 0; r < ours.length; r++) {
      assertThat(ours[r]).as("row %d", r).isEqualTo(theirs[r][0]);
    }
  }
}
