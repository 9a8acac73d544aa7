package dev.aisle.rank;

import dev.aisle.BadInputException;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The ranker: one or more XGBoost boosters trained with different seeds, each with the rounds
 * its early stopping kept, whose scores are averaged (bagging, to lower the variance of a ranker
 * learned from a few thousand queries).
 *
 * <p>Predictions run in Java over each booster's {@link FlatTrees}, on the calling thread; the
 * boosters are kept for the model file and the feature gains. Immutable and thread-safe.
 */
final class Boosters {
  private final List<Booster> boosters;
  private final int[] trees;
  /** Each booster's kept trees, as {@link #predict} evaluates them. */
  private final List<FlatTrees> flat;

  Boosters(List<Booster> boosters, int[] trees) {
    if (boosters.isEmpty() || boosters.size() != trees.length) {
      throw new IllegalArgumentException("one round count per booster, and one booster at least");
    }
    this.boosters = List.copyOf(boosters);
    this.trees = trees.clone();
    List<FlatTrees> flat = new ArrayList<>();
    for (int b = 0; b < trees.length; b++) {
      flat.add(FlatTrees.of(boosters.get(b), trees[b]));
    }
    this.flat = List.copyOf(flat);
  }

  int size() {
    return boosters.size();
  }

  /** Rounds kept, summed over the boosters. */
  int trees() {
    int sum = 0;
    for (int t : trees) {
      sum += t;
    }
    return sum;
  }

  /** The mean margin of every row of {@code rows x width} features, by {@link FlatTrees}. */
  float[] predict(float[] features, int rows, int width) {
    float[] mean = new float[rows];
    float[] out = new float[rows];
    for (FlatTrees f : flat) {
      f.predict(features, rows, width, out);
      for (int i = 0; i < rows; i++) {
        mean[i] += out[i] / flat.size();
      }
    }
    return mean;
  }

  /** XGBoost's average gain of the splits on each feature, averaged over the boosters. */
  Map<String, Double> gain(List<String> names) {
    Map<String, Double> sum = new TreeMap<>();
    try {
      for (Booster b : boosters) {
        b.getScore(names.toArray(String[]::new), "gain")
            .forEach((k, v) -> sum.merge(k, v / boosters.size(), Double::sum));
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost feature scores failed: " + e.getMessage(), e);
    }
    return sum;
  }

  void write(BinaryWriter out) {
    out.writeVarInt(boosters.size());
    for (int b = 0; b < boosters.size(); b++) {
      byte[] bytes;
      try {
        bytes = boosters.get(b).toByteArray("ubj");
      } catch (XGBoostError e) {
        throw new IllegalStateException("cannot encode the XGBoost ranker: " + e.getMessage(),
            e);
      }
      out.writeVarInt(trees[b]);
      out.writeVarInt(bytes.length);
      out.writeBytes(bytes, 0, bytes.length);
    }
  }

  static Boosters read(BinaryReader in) {
    int n = in.readCount(64, "boosters");
    List<Booster> boosters = new ArrayList<>();
    int[] trees = new int[n];
    for (int b = 0; b < n; b++) {
      trees[b] = in.readVarInt();
      byte[] bytes = in.readBytes(in.readCount(Integer.MAX_VALUE - 16, "ranker size"));
      try {
        boosters.add(XGBoost.loadModel(bytes));
      } catch (XGBoostError | IOException e) {
        throw new BadInputException(in.source() + ": corrupt XGBoost ranker: " + e.getMessage());
      }
    }
    if (n == 0) {
      throw new BadInputException(in.source() + ": a rank model without a booster");
    }
    return new Boosters(boosters, trees);
  }
}
