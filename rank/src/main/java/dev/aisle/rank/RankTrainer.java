package dev.aisle.rank;

import dev.aisle.corpus.Corpus;
import dev.aisle.eval.TestSessions;
import dev.aisle.model.TrainContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link RankModel}:
 *
 * <ol>
 *   <li>the latest {@code validation-fraction} of the training sessions are held out, cut by
 *       time into {@code folds}; each fold's candidate models are trained on every session
 *       before it;
 *   <li>every prefix of a held-out session is a query: its candidates and their features, label
 *       1 for the product that came next (queries whose next product is no candidate teach
 *       nothing and are skipped);
 *   <li>XGBoost learns to rank them ({@code rank:ndcg} or {@code rank:pairwise}), stopping early
 *       on NDCG@20 of the latest {@code held-out} share of those sessions;
 *   <li>the candidate models are trained again on all the training sessions, and the popularity
 *       features recounted, for the saved model.
 * </ol>
 *
 * <p>With one thread the same seed gives the same model.
 */
final class RankTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(RankTrainer.class);

  private RankTrainer() {}

  static RankModel train(Corpus corpus, RankOptions o, TrainContext context) {
    int cut = (int) Math.round(corpus.sessionCount() * (1 - o.validationFraction()));
    if (cut < 1 || cut >= corpus.sessionCount()) {
      throw new IllegalArgumentException("rank: too few training sessions ("
          + corpus.sessionCount() + ") to hold out " + o.validationFraction()
          + " of them to learn the ranker on");
    }
    TrainContext parts = context.withoutEpochs();
    int sessions = corpus.sessionCount();
    int stopFrom = (int) Math.round(cut + (sessions - cut) * (1 - o.heldOut()));
    long total = TestSessions.heldOut(corpus, cut).predictions();
    int every = (int) Math.max(1, (total + o.maxQueries() - 1) / o.maxQueries());
    Groups learn = new Groups();
    Groups stop = new Groups();
    long query = 0;
    for (int fold = 0; fold < o.folds(); fold++) {
      int from = cut + (int) ((long) (sessions - cut) * fold / o.folds());
      int to = cut + (int) ((long) (sessions - cut) * (fold + 1) / o.folds());
      if (from == to) {
        continue;
      }
      RankFeatures features = new RankFeatures(
          CandidateModels.train(corpus.sessionRange(0, from), o, parts),
          ProductStats.of(corpus.sessionRange(0, from), o.recentFraction()), o.candidates());
      RankFeatures.Scratch scratch = features.scratch();
      // as TestSessions.heldOut: products the candidate models never saw are removed
      boolean[] seen = new boolean[corpus.products().size()];
      for (int e = 0; e < corpus.sessionStart(from); e++) {
        seen[corpus.item(e)] = true;
      }
      for (int s = from; s < to; s++) {
        int[] session = java.util.Arrays.stream(corpus.sessionItems(s)).filter(p -> seen[p])
            .toArray();
        for (int i = 1; i < session.length; i++, query++) {
          if (query % every != 0) {
            continue;
          }
          RankFeatures.Candidates c = features.of(java.util.Arrays.copyOf(session, i), scratch);
          (s < stopFrom ? learn : stop).add(c, session[i]);
        }
      }
    }
    if (learn.groups == 0 || stop.groups == 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "rank: too few queries to "
          + "learn from (%d to learn, %d to stop early): give more training sessions",
          learn.groups, stop.groups));
    }
    LOG.info(String.format(Locale.ROOT, "rank: %,d queries (%,d rows) to learn, %,d (%,d rows) "
        + "to stop early; %,d skipped: next product not among the candidates", learn.groups,
        learn.rows, stop.groups, stop.rows, learn.skipped + stop.skipped));
    Booster booster;
    int trees;
    try {
      DMatrix dLearn = learn.matrix();
      DMatrix dStop = stop.matrix();
      Map<String, Object> params = new HashMap<>();
      params.put("objective", "rank:" + o.objective());
      params.put("eval_metric", "ndcg@20");
      params.put("eta", o.eta());
      params.put("max_depth", o.maxDepth());
      params.put("min_child_weight", o.minChildWeight());
      params.put("subsample", o.subsample());
      params.put("colsample_bytree", o.subsample());
      params.put("tree_method", "hist");
      params.put("seed", context.seed());
      params.put("nthread", context.threads());
      params.put("verbosity", 0);
      params.put("verbose_eval", "false");
      Map<String, DMatrix> watches = new LinkedHashMap<>();
      watches.put("learn", dLearn);
      watches.put("stop", dStop); // the last watch decides early stopping
      float[][] metrics = new float[watches.size()][o.rounds()];
      booster = XGBoost.train(dLearn, params, o.rounds(), watches, metrics, null, null,
          o.earlyStopping());
      String best = booster.getAttr("best_iteration");
      trees = best == null ? booster.getNumBoostedRound() : Integer.parseInt(best) + 1;
      booster.setFeatureNames(RankFeatures.NAMES.toArray(String[]::new));
      LOG.info(String.format(Locale.ROOT, "rank: %d rounds kept of %d run; held-out NDCG@20 "
          + "%.4f", trees, booster.getNumBoostedRound(), metrics[1][trees - 1]));
      dLearn.dispose();
      dStop.dispose();
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    }
    return new RankModel(corpus.products(), CandidateModels.train(corpus, o, parts),
        ProductStats.of(corpus, o.recentFraction()), booster, trees, o.candidates());
  }

  /** Queries as XGBoost groups: rows, labels and group sizes, growing. Not thread-safe. */
  private static final class Groups {
    float[] data = new float[1 << 16];
    float[] labels = new float[1 << 12];
    int[] sizes = new int[1 << 10];
    int rows;
    int groups;
    int skipped;

    void add(RankFeatures.Candidates c, int next) {
      int at = -1;
      for (int i = 0; i < c.size(); i++) {
        if (c.products()[i] == next) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        skipped++;
        return;
      }
      while ((long) (rows + c.size()) * RankFeatures.WIDTH > data.length) {
        data = java.util.Arrays.copyOf(data, data.length * 2);
      }
      while (rows + c.size() > labels.length) {
        labels = java.util.Arrays.copyOf(labels, labels.length * 2);
      }
      if (groups == sizes.length) {
        sizes = java.util.Arrays.copyOf(sizes, sizes.length * 2);
      }
      System.arraycopy(c.features(), 0, data, rows * RankFeatures.WIDTH,
          c.size() * RankFeatures.WIDTH);
      labels[rows + at] = 1;
      rows += c.size();
      sizes[groups++] = c.size();
    }

    DMatrix matrix() throws XGBoostError {
      DMatrix m = new DMatrix(java.util.Arrays.copyOf(data, rows * RankFeatures.WIDTH), rows,
          RankFeatures.WIDTH, Float.NaN);
      m.setLabel(java.util.Arrays.copyOf(labels, rows));
      m.setGroup(java.util.Arrays.copyOf(sizes, groups));
      return m;
    }
  }
}
