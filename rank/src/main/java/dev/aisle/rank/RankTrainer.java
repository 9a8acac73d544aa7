package dev.aisle.rank;

import dev.aisle.corpus.Corpus;
import dev.aisle.eval.TestSessions;
import dev.aisle.model.TrainContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 *       time into {@code folds}; each fold's candidate models are trained, and its
 *       co-visitations counted, on every session before it;
 *   <li>every prefix of a held-out session is a query: its candidates and their features, label
 *       1 for the product that came next (queries whose next product is no candidate teach
 *       nothing and are skipped);
 *   <li>XGBoost learns to rank them ({@code rank:pairwise}, {@code rank:ndcg} or {@code
 *       rank:map}), stopping early on NDCG@20 of the latest {@code held-out} share of those
 *       sessions; with {@code boosters} B above 1, the query sessions are cut by time into B
 *       blocks and booster b (seed {@code seed + b}) learns from all blocks but b and stops early
 *       on b, as in cross-validation; the saved ranker averages the B boosters' scores;
 *   <li>the candidate models are trained again on all the training sessions, and the popularity
 *       and co-visitation features recounted, for the saved model.
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
    // blocks of the query sessions by time; booster b stops early on block stopBlock(b)
    int[] blockStart = o.boosters() == 1
        ? new int[] {cut, (int) Math.round(cut + (sessions - cut) * (1 - o.heldOut())), sessions}
        : new int[o.boosters() + 1];
    for (int b = 0; o.boosters() > 1 && b <= o.boosters(); b++) {
      blockStart[b] = cut + (int) ((long) (sessions - cut) * b / o.boosters());
    }
    Groups[] blocks = new Groups[blockStart.length - 1];
    for (int b = 0; b < blocks.length; b++) {
      blocks[b] = new Groups();
    }
    long total = TestSessions.heldOut(corpus, cut).predictions();
    int every = (int) Math.max(1, (total + o.maxQueries() - 1) / o.maxQueries());
    long query = 0;
    int block = 0;
    for (int fold = 0; fold < o.folds(); fold++) {
      int from = cut + (int) ((long) (sessions - cut) * fold / o.folds());
      int to = cut + (int) ((long) (sessions - cut) * (fold + 1) / o.folds());
      if (from == to) {
        continue;
      }
      Corpus before = corpus.sessionRange(0, from);
      RankFeatures features = new RankFeatures(CandidateModels.train(before, o, parts),
          ProductStats.of(before, o.recentFraction()), visits(before, o, context),
          o.candidates());
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
          while (s >= blockStart[block + 1]) {
            block++;
          }
          RankFeatures.Candidates c = features.of(java.util.Arrays.copyOf(session, i), scratch);
          blocks[block].add(c, session[i]);
        }
      }
    }
    for (Groups g : blocks) {
      if (g.groups == 0) {
        throw new IllegalArgumentException("rank: too few queries to learn from (a block of "
            + "the held-out sessions has none): give more training sessions");
      }
    }
    int rows = 0;
    int groups = 0;
    int skipped = 0;
    for (Groups g : blocks) {
      rows += g.rows;
      groups += g.groups;
      skipped += g.skipped;
    }
    LOG.info(String.format(Locale.ROOT, "rank: %,d queries (%,d rows) in %d blocks by time, "
        + "each booster stopping early on one; %,d skipped: next product not among the "
        + "candidates", groups, rows, blocks.length, skipped));
    List<Booster> boosters = new ArrayList<>();
    int[] trees = new int[o.boosters()];
    try {
      for (int b = 0; b < o.boosters(); b++) {
        int held = o.boosters() == 1 ? 1 : b;
        DMatrix dLearn = Groups.matrix(blocks, held, false);
        DMatrix dStop = Groups.matrix(blocks, held, true);
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "rank:" + o.objective());
        params.put("lambdarank_pair_method", o.pairMethod());
        params.put("lambdarank_num_pair_per_sample", o.pairs());
        params.put("eval_metric", "ndcg@20");
        params.put("eta", o.eta());
        params.put("max_depth", o.maxDepth());
        params.put("min_child_weight", o.minChildWeight());
        params.put("subsample", o.subsample());
        params.put("colsample_bytree", o.subsample());
        params.put("tree_method", "hist");
        params.put("seed", context.seed() + b);
        params.put("nthread", context.threads());
        params.put("verbosity", 0);
        params.put("verbose_eval", "false");
        Map<String, DMatrix> watches = new LinkedHashMap<>();
        watches.put("learn", dLearn);
        watches.put("stop", dStop); // the last watch decides early stopping
        float[][] metrics = new float[watches.size()][o.rounds()];
        Booster booster = XGBoost.train(dLearn, params, o.rounds(), watches, metrics, null, null,
            o.earlyStopping());
        String best = booster.getAttr("best_iteration");
        trees[b] = best == null ? booster.getNumBoostedRound() : Integer.parseInt(best) + 1;
        booster.setFeatureNames(RankFeatures.NAMES.toArray(String[]::new));
        boosters.add(booster);
        LOG.info(String.format(Locale.ROOT, "rank: booster %d of %d: %d rounds kept of %d run; "
            + "held-out NDCG@20 %.4f", b + 1, o.boosters(), trees[b],
            booster.getNumBoostedRound(), metrics[1][trees[b] - 1]));
        dLearn.dispose();
        dStop.dispose();
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    }
    return new RankModel(corpus.products(), CandidateModels.train(corpus, o, parts),
        ProductStats.of(corpus, o.recentFraction()), visits(corpus, o, context),
        new Boosters(boosters, trees), o.candidates());
  }

  private static CoVisits visits(Corpus corpus, RankOptions o, TrainContext context) {
    return CoVisits.count(corpus, o.visitWindow(), o.visitTop(), context.threads());
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

    /** Block {@code held} alone ({@code only}), or every block but it. */
    static DMatrix matrix(Groups[] blocks, int held, boolean only) throws XGBoostError {
      int rows = 0;
      int groups = 0;
      for (int b = 0; b < blocks.length; b++) {
        if ((b == held) == only) {
          rows += blocks[b].rows;
          groups += blocks[b].groups;
        }
      }
      float[] data = new float[rows * RankFeatures.WIDTH];
      float[] labels = new float[rows];
      int[] sizes = new int[groups];
      int r = 0;
      int g = 0;
      for (int b = 0; b < blocks.length; b++) {
        if ((b == held) == only) {
          Groups x = blocks[b];
          System.arraycopy(x.data, 0, data, r * RankFeatures.WIDTH, x.rows * RankFeatures.WIDTH);
          System.arraycopy(x.labels, 0, labels, r, x.rows);
          System.arraycopy(x.sizes, 0, sizes, g, x.groups);
          r += x.rows;
          g += x.groups;
        }
      }
      DMatrix m = new DMatrix(data, rows, RankFeatures.WIDTH, Float.NaN);
      m.setLabel(labels);
      m.setGroup(sizes);
      return m;
    }
  }
}
