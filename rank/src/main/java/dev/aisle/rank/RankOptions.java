package dev.aisle.rank;

import dev.aisle.model.Params;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options of the {@code rank} algorithm; names as in {@code -p name=value}, XGBoost's names in
 * brackets. A candidate model's own options go with its name as a prefix: {@code sknn.k=100},
 * {@code item2vec.epochs=30} (what {@code aisle tune} passes on).
 *
 * @param candidates products each candidate model proposes ({@code candidates}, the N of top-N)
 * @param objective {@code ndcg}, {@code pairwise} or {@code map} ({@code objective}: rank:ndcg,
 *     rank:pairwise, rank:map; with one relevant product per query MAP is MRR)
 * @param pairMethod how pairs are made for the pairwise gradients ({@code pair-method},
 *     lambdarank_pair_method): {@code topk}, pairs with the top {@code pairs} of each query, or
 *     {@code mean}, {@code pairs} random pairs per product
 * @param pairs {@code pair-method}'s k ({@code pairs}, lambdarank_num_pair_per_sample)
 * @param rounds boosting rounds at most ({@code rounds}, num_boost_round)
 * @param eta shrinkage ({@code eta})
 * @param maxDepth tree depth ({@code max-depth}, max_depth; at most 10, as {@link FlatTrees}
 *     answers)
 * @param minChildWeight least hessian sum in a leaf ({@code min-child-weight}, min_child_weight)
 * @param subsample share of rows, and of features, each tree sees ({@code subsample}:
 *     subsample and colsample_bytree)
 * @param boosters boosters trained with consecutive seeds, their scores averaged ({@code
 *     boosters})
 * @param earlyStopping rounds without a better held-out NDCG@20 before stopping ({@code
 *     early-stopping}, early_stopping_rounds)
 * @param validationFraction share of the training sessions, the latest, whose next products the
 *     ranker learns from, predicted by candidate models trained on the rest ({@code
 *     validation-fraction})
 * @param folds the queries are cut by time into this many consecutive folds; each fold's
 *     candidate models are trained on all the sessions before it, so later folds see models
 *     trained on nearly all the data, as the saved model's are ({@code folds})
 * @param heldOut share of those sessions, the latest, kept for early stopping ({@code held-out})
 * @param maxQueries next-item queries the ranker learns from at most, taken evenly ({@code
 *     max-queries})
 * @param recentFraction the latest share of the events counted as recent popularity ({@code
 *     recent-fraction})
 * @param visitWindow events apart, at most, that the {@code near} co-visitation features count
 *     ({@code visit-window})
 * @param visitTop partners kept per product for the co-visitation features, the most frequent
 *     ({@code visit-top})
 * @param parts each candidate model's own parameters, by algorithm name
 */
public record RankOptions(int candidates, String objective, String pairMethod, int pairs,
    int rounds, double eta, int maxDepth, double minChildWeight, double subsample, int boosters,
    int earlyStopping, double validationFraction, int folds, double heldOut, int maxQueries,
    double recentFraction, int visitWindow, int visitTop, Map<String, Map<String, String>> parts) {

  public RankOptions {
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be >= 1, was " + candidates);
    }
    if (pairs < 1) {
      throw new IllegalArgumentException("pairs must be >= 1, was " + pairs);
    }
    if (rounds < 1 || earlyStopping < 1) {
      throw new IllegalArgumentException("rounds and early-stopping must be >= 1, were " + rounds
          + " and " + earlyStopping);
    }
    if (!(eta > 0 && eta <= 1)) {
      throw new IllegalArgumentException("eta must be in (0, 1], was " + eta);
    }
    if (maxDepth < 1 || maxDepth > FlatTrees.MAX_DEPTH) {
      throw new IllegalArgumentException("max-depth must be in 1.." + FlatTrees.MAX_DEPTH
          + ", was " + maxDepth);
    }
    if (!(minChildWeight >= 0)) {
      throw new IllegalArgumentException("min-child-weight must be >= 0, was " + minChildWeight);
    }
    if (!(subsample > 0 && subsample <= 1)) {
      throw new IllegalArgumentException("subsample must be in (0, 1], was " + subsample);
    }
    if (boosters < 1 || boosters > 16) {
      throw new IllegalArgumentException("boosters must be in 1..16, was " + boosters);
    }
    if (!(validationFraction > 0 && validationFraction <= 0.5)) {
      throw new IllegalArgumentException("validation-fraction must be in (0, 0.5], was "
          + validationFraction);
    }
    if (folds < 1 || folds > 10) {
      throw new IllegalArgumentException("folds must be in 1..10, was " + folds);
    }
    if (!(heldOut > 0 && heldOut < 1)) {
      throw new IllegalArgumentException("held-out must be in (0, 1), was " + heldOut);
    }
    if (maxQueries < 10) {
      throw new IllegalArgumentException("max-queries must be >= 10, was " + maxQueries);
    }
    if (!(recentFraction > 0 && recentFraction <= 1)) {
      throw new IllegalArgumentException("recent-fraction must be in (0, 1], was "
          + recentFraction);
    }
    if (visitWindow < 1 || visitTop < 1) {
      throw new IllegalArgumentException("visit-window and visit-top must be >= 1, were "
          + visitWindow + " and " + visitTop);
    }
  }

  /**
   * Reads the options. The defaults were chosen on a split of yoochoose-100k's train_tr alone
   * (its last day held out), never on train_valid: shallow trees, a small step, row and feature
   * sampling, because a shop's latest sessions give a few thousand queries at most.
   */
  public static RankOptions from(Params p) {
    Map<String, Map<String, String>> parts = new TreeMap<>();
    for (String part : CandidateModels.PARTS) {
      parts.put(part, new TreeMap<>(p.sub(part)));
    }
    return new RankOptions(
        p.getInt("candidates", 30),
        p.getChoice("objective", "pairwise", "ndcg", "pairwise", "map"),
        p.getChoice("pair-method", "topk", "topk", "mean"),
        p.getInt("pairs", 32),
        p.getInt("rounds", 400),
        p.getDouble("eta", 0.05),
        p.getInt("max-depth", 4),
        p.getDouble("min-child-weight", 10),
        p.getDouble("subsample", 0.8),
        p.getInt("boosters", 1),
        p.getInt("early-stopping", 25),
        p.getDouble("validation-fraction", 0.3),
        p.getInt("folds", 1),
        p.getDouble("held-out", 0.2),
        p.getInt("max-queries", 20_000),
        p.getDouble("recent-fraction", 0.1),
        p.getInt("visit-window", 5),
        p.getInt("visit-top", 100),
        parts);
  }
}
