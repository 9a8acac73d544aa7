package dev.aisle.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The first trees of an XGBoost booster in flat arrays, evaluated in Java: the margin XGBoost's
 * {@code inplace_predict} gives, the same float sums in the same order (the base score, then
 * each tree's leaf in turn), without a call into native code.
 *
 * <p>Why: the ranker scores about 160 candidates per request with a few hundred trees. Through
 * the JNI call ({@code XGBoosterPredictFromDense}: a proxy matrix, a predictor, a copy of the
 * answer into a {@code float[][]}) that took half of a rank query's time; in Java it takes
 * half as long as the call ({@code bench/rank-trees.sh}). The booster itself stays the model of
 * record: it is what the model file stores, and {@code FlatTreesTest} checks these margins
 * against XGBoost's own, bit for bit.
 *
 * <p>Only what the ranker trains is accepted: a {@code gbtree} booster with one output and one
 * tree per round, numerical splits. A split sends a row left when its value is below the
 * threshold, and to the split's default side when the value is missing (NaN).
 *
 * <p>Immutable and thread-safe.
 */
final class FlatTrees {
  /** The deepest trees accepted: a complete tree of this depth has 1,023 splits. */
  static final int MAX_DEPTH = 10;

  /** Rows walked down each tree side by side: independent walks overlap in the CPU. */
  private static final int BLOCK = 8;

  /** Every tree's depth: each is stored as a complete binary tree of this depth. */
  private final int depth;
  /**
   * Split {@code i} of tree {@code t} (at {@code t * splits + i}, children of {@code i} at
   * {@code 2 i + 1} and {@code 2 i + 2}): where its feature starts in a block of doubled rows
   * ({@link #predict}), {@code 2 f} when a missing value goes left, {@code 2 f + 1} when it goes
   * right, times {@value #BLOCK}.
   */
  private final int[] column;
  /** Split {@code i} of tree {@code t}'s threshold: a value below it goes left. */
  private final float[] threshold;
  /** Leaf {@code j} of tree {@code t}, at {@code t * 2^depth + j}. */
  private final float[] leaves;
  private final int trees;
  private final float base;

  private FlatTrees(int depth, int[] column, float[] threshold, float[] leaves, int trees,
      float base) {
    this.depth = depth;
    this.column = column;
    this.threshold = threshold;
    this.leaves = leaves;
    this.trees = trees;
    this.base = base;
  }

  /**
   * The first {@code trees} trees of {@code booster}, from its JSON model. A leaf above the
   * deepest level fills every leaf below it, under splits that may go either way.
   */
  static FlatTrees of(Booster booster, int trees) {
    JsonNode learner;
    try {
      learner = new ObjectMapper().readTree(booster.toByteArray("json")).path("learner");
    } catch (XGBoostError | IOException e) {
      throw new IllegalStateException("cannot read the XGBoost ranker's trees: " + e.getMessage(),
          e);
    }
    JsonNode gbtree = learner.path("gradient_booster");
    JsonNode model = gbtree.path("model");
    if (!gbtree.path("name").asText().equals("gbtree")
        || !model.path("gbtree_model_param").path("num_parallel_tree").asText().equals("1")
        || !learner.path("learner_model_param").path("num_class").asText("0").equals("0")) {
      throw new IllegalStateException("the XGBoost ranker is not a gbtree booster with one tree "
          + "per round and one output: " + gbtree.path("name").asText() + ", "
          + model.path("gbtree_model_param"));
    }
    JsonNode list = model.path("trees");
    if (trees < 1 || trees > list.size()) {
      throw new IllegalStateException("the ranker keeps " + trees + " trees of a booster with "
          + list.size());
    }
    int depth = 0;
    for (int t = 0; t < trees; t++) {
      depth = Math.max(depth, depth(list.get(t), 0));
    }
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("the ranker's trees are " + depth + " deep, deeper than "
          + MAX_DEPTH + ": retrain it with max-depth at most " + MAX_DEPTH);
    }
    int splits = (1 << depth) - 1;
    FlatTrees f = new FlatTrees(depth, new int[trees * splits], new float[trees * splits],
        new float[trees << depth], trees, Float.parseFloat(learner.path("learner_model_param")
            .path("base_score").asText().replace("[", "").replace("]", "")));
    for (int t = 0; t < trees; t++) {
      f.place(list.get(t), t, 0, 0, 0);
    }
    return f;
  }

  /** The depth of node {@code node}'s subtree: 0 for a leaf. */
  private static int depth(JsonNode tree, int node) {
    int left = tree.path("left_children").get(node).asInt();
    if (left < 0) {
      return 0;
    }
    int right = tree.path("right_children").get(node).asInt();
    return 1 + Math.max(depth(tree, left), depth(tree, right));
  }

  /** Stores XGBoost node {@code node} of tree {@code t} at {@code position}, {@code level} deep. */
  private void place(JsonNode tree, int t, int node, int position, int level) {
    float value = (float) tree.path("split_conditions").get(node).asDouble();
    int left = tree.path("left_children").get(node).asInt();
    if (left < 0) {
      int width = 1 << (depth - level);
      int first = (position + 1) * width - (1 << depth); // its first leaf at the deepest level
      java.util.Arrays.fill(leaves, (t << depth) + first, (t << depth) + first + width, value);
      return;
    }
    JsonNode types = tree.path("split_type");
    if (types.size() > node && types.get(node).asInt() != 0) {
      throw new IllegalStateException("tree " + t + " of the XGBoost ranker has a categorical "
          + "split, which the ranker never trains");
    }
    int at = t * ((1 << depth) - 1) + position;
    boolean defaultLeft = tree.path("default_left").get(node).asInt() != 0;
    int feature = tree.path("split_indices").get(node).asInt();
    column[at] = (2 * feature + (defaultLeft ? 0 : 1)) * BLOCK;
    threshold[at] = value;
    place(tree, t, left, 2 * position + 1, level + 1);
    place(tree, t, tree.path("right_children").get(node).asInt(), 2 * position + 2, level + 1);
  }

  /** Trees evaluated per row. */
  int trees() {
    return trees;
  }

  /**
   * Writes the margin of each of {@code rows} rows of {@code width} features (row-major, NaN
   * for missing) to {@code out}.
   *
   * <p>Rows go {@value #BLOCK} at a time. Each block is first doubled: feature {@code f} with a
   * missing value as -infinity, then as +infinity, so that one comparison ({@code x <
   * threshold}: left) sends a missing value to the split's default side; column-major, so that
   * the block's rows of one column are side by side. Every tree is then walked {@code depth}
   * steps by arithmetic on the position, without branches (a tree's turns are unpredictable),
   * the block's {@value #BLOCK} walks interleaved so that their memory reads overlap. A row's
   * sum is its base score plus each tree's leaf in turn, as XGBoost's.
   */
  void predict(float[] features, int rows, int width, float[] out) {
    int splits = (1 << depth) - 1;
    float[] d = new float[2 * width * BLOCK];
    float[] sum = new float[BLOCK];
    for (int r0 = 0; r0 < rows; r0 += BLOCK) {
      int block = Math.min(BLOCK, rows - r0);
      for (int j = 0; j < BLOCK; j++) { // a short last block repeats its first row
        int from = (r0 + (j < block ? j : 0)) * width;
        for (int f = 0; f < width; f++) {
          float x = features[from + f];
          boolean nan = x != x;
          d[2 * f * BLOCK + j] = nan ? Float.NEGATIVE_INFINITY : x;
          d[(2 * f + 1) * BLOCK + j] = nan ? Float.POSITIVE_INFINITY : x;
        }
      }
      float s0 = base;
      float s1 = base;
      float s2 = base;
      float s3 = base;
      float s4 = base;
      float s5 = base;
      float s6 = base;
      float s7 = base;
      for (int t = 0; t < trees; t++) {
        int at = t * splits;
        int n0 = 0;
        int n1 = 0;
        int n2 = 0;
        int n3 = 0;
        int n4 = 0;
        int n5 = 0;
        int n6 = 0;
        int n7 = 0;
        for (int step = 0; step < depth; step++) {
          n0 = 2 * n0 + 2 - below(d[column[at + n0]], threshold[at + n0]);
          n1 = 2 * n1 + 2 - below(d[column[at + n1] + 1], threshold[at + n1]);
          n2 = 2 * n2 + 2 - below(d[column[at + n2] + 2], threshold[at + n2]);
          n3 = 2 * n3 + 2 - below(d[column[at + n3] + 3], threshold[at + n3]);
          n4 = 2 * n4 + 2 - below(d[column[at + n4] + 4], threshold[at + n4]);
          n5 = 2 * n5 + 2 - below(d[column[at + n5] + 5], threshold[at + n5]);
          n6 = 2 * n6 + 2 - below(d[column[at + n6] + 6], threshold[at + n6]);
          n7 = 2 * n7 + 2 - below(d[column[at + n7] + 7], threshold[at + n7]);
        }
        int first = (t << depth) - splits;
        s0 += leaves[first + n0];
        s1 += leaves[first + n1];
        s2 += leaves[first + n2];
        s3 += leaves[first + n3];
        s4 += leaves[first + n4];
        s5 += leaves[first + n5];
        s6 += leaves[first + n6];
        s7 += leaves[first + n7];
      }
      sum[0] = s0;
      sum[1] = s1;
      sum[2] = s2;
      sum[3] = s3;
      sum[4] = s4;
      sum[5] = s5;
      sum[6] = s6;
      sum[7] = s7;
      System.arraycopy(sum, 0, out, r0, block);
    }
  }

  /**
   * 1 when {@code x < t}, else 0, without a branch: the sign of {@code x - t}, which is 0 only
   * when they are equal (subnormal differences are kept) and keeps the infinities' signs.
   */
  private static int below(float x, float t) {
    return Float.floatToRawIntBits(x - t) >>> 31;
  }
}
