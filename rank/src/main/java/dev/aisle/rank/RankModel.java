package dev.aisle.rank;

import dev.aisle.BadInputException;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.Explainer;
import dev.aisle.model.FeatureGains;
import dev.aisle.model.ProductLabels;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.model.cooc.CoocModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rank} model: candidate models propose products, an XGBoost ranker orders them by
 * the features of {@link RankFeatures} (the mean of one or more boosters' scores). Products no
 * candidate model proposed follow all candidates, most popular first. Related products are the
 * candidates of a one-product session.
 *
 * <p>A query asks each candidate model the cheapest way it can ({@link CandidateSource}: the
 * embedding models from their saved neighbour lists, never a scan of the catalog), and {@link
 * #topNext} ranks the candidates alone, never an array over the catalog.
 *
 * <p>Immutable after training and thread-safe for queries (the boosters' trees are evaluated in
 * Java, {@link FlatTrees}; each thread has its own buffers).
 */
public final class RankModel implements Recommender, FeatureGains {
  private final ProductIndex products;
  private final CandidateModels models;
  private final ProductStats stats;
  private final CoVisits visits;
  private final Boosters boosters;
  private final int candidates;
  private final RankFeatures features;
  private final ThreadLocal<RankFeatures.Scratch> scratch;

  RankModel(ProductIndex products, CandidateModels models, ProductStats stats, CoVisits visits,
      Boosters boosters, int candidates) {
    this.products = products;
    this.models = models;
    this.stats = stats;
    this.visits = visits;
    this.boosters = boosters;
    this.candidates = candidates;
    this.features = new RankFeatures(models, stats, visits, candidates);
    this.scratch = ThreadLocal.withInitial(features::scratch);
  }

  @Override
  public String algorithm() {
    return "rank";
  }

  @Override
  public ProductIndex products() {
    return products;
  }

  /** Boosting rounds the ranker uses (the best round of early stopping, over its boosters). */
  public int trees() {
    return boosters.trees();
  }

  @Override
  public void scoreNext(int[] session, float[] scores) {
    RankFeatures.Scratch s = scratch.get();
    RankFeatures.Candidates c = features.of(session, s);
    float[] ranked = predict(c);
    for (int p = 0; p < scores.length; p++) {
      scores[p] = unproposed(p);
    }
    for (int i = 0; i < c.size(); i++) {
      scores[c.products()[i]] = ranked[i];
    }
  }

  @Override
  public void scoreRelated(int product, float[] scores) {
    scoreNext(new int[] {product}, scores);
    scores[product] = -Float.MAX_VALUE;
  }

  /** The ranked candidates, then the most popular other products: as {@link #scoreNext} ranks. */
  @Override
  public List<ScoredItem> topNext(int[] session, int k) {
    return top(session, k, -1);
  }

  /**
   * As {@link #topNext} for the one-product session, without the product (as {@link
   * #scoreRelated}).
   */
  @Override
  public List<ScoredItem> topRelated(int product, int k) {
    return top(new int[] {product}, k, product);
  }

  /** What {@link TopK} picks from the scores of {@link #scoreNext}, without {@code exclude}. */
  private List<ScoredItem> top(int[] session, int k, int exclude) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    RankFeatures.Scratch s = scratch.get();
    RankFeatures.Candidates c = features.of(session, s);
    float[] ranked = predict(c);
    int want = Math.min(k, products.size());
    long[] packed = new long[c.size()];
    int count = 0;
    for (int i = 0; i < c.size(); i++) {
      if (c.products()[i] != exclude) {
        packed[count++] = TopK.pack(ranked[i], c.products()[i]);
      }
    }
    int best = TopK.selectPacked(packed, count, want);
    List<ScoredItem> out = new ArrayList<>(want);
    for (int i = 0; i < best; i++) {
      out.add(new ScoredItem(TopK.packedId(packed[i]), TopK.packedScore(packed[i])));
    }
    for (int p = 0; p < products.size() && out.size() < want; p++) {
      if (p != exclude && !s.proposed(p)) {
        out.add(new ScoredItem(p, unproposed(p)));
      }
    }
    if (out.size() < want) { // the excluded product comes last, as scoreRelated scores it
      out.add(new ScoredItem(exclude, -Float.MAX_VALUE));
    }
    return out;
  }

  /** The score of a product no candidate model proposed: below every candidate, by popularity. */
  private static float unproposed(int product) {
    return -1e7f - product; // ordinals go by popularity
  }

  /**
   * The ranker's score of every candidate; candidates it scores the same go by the candidate
   * models' consensus ({@link RankFeatures#fusedRank}, {@link TieBreak}).
   */
  float[] predict(RankFeatures.Candidates c) {
    float[] scores = boosters.predict(c.features(), c.size(), RankFeatures.WIDTH);
    TieBreak.apply(scores, c.size(), i -> features.fusedRank(c, i));
    return scores;
  }

  /**
   * The sessions of the co-occurrence candidate model that browsed both products where there
   * are some ("browsed together in 12 sessions"), else "similar to Linen cushion" and, for a
   * session, "ranked for what you browsed".
   */
  @Override
  public Explainer explainer(ProductLabels labels) {
    return Explainer.bySessionsTogether(
        ((CoocModel) models.get(CandidateModels.PARTS.indexOf("cooc")))::sessionsTogether,
        labels, Explainer.worded(labels, "similar to ", "ranked for what you browsed"));
  }

  @Override
  public Map<String, Double> featureGain() {
    List<Map.Entry<String, Double>> sorted =
        new ArrayList<>(boosters.gain(RankFeatures.NAMES).entrySet());
    sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Double> out = new LinkedHashMap<>();
    sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * The layout {@link #write} writes, after a 0 that version 1 (which began with the candidate
   * count, never 0) cannot start with: 2 added the co-visitation counts and several boosters, 3
   * the embedding models' neighbour lists, their candidates' pool.
   */
  static final int FORMAT = 3;

  @Override
  public void write(BinaryWriter out) {
    out.writeVarInt(0);
    out.writeVarInt(FORMAT);
    out.writeVarInt(candidates);
    out.writeVarInt(RankFeatures.WIDTH);
    for (String name : RankFeatures.NAMES) {
      out.writeString(name);
    }
    stats.write(out);
    visits.write(out);
    models.write(out);
    boosters.write(out);
  }

  /** Reads what {@link #write} wrote; the format and the features must be this build's. */
  static RankModel read(BinaryReader in, ProductIndex products) {
    int format = in.readVarInt() == 0 ? in.readVarInt() : 1;
    if (format != FORMAT) {
      throw new BadInputException(in.source() + ": a rank model of layout " + format
          + ", not this Aisle's " + FORMAT + " (its candidates or features differ): retrain it");
    }
    int candidates = in.readVarInt();
    int width = in.readCount(1024, "feature count");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      names.add(in.readString());
    }
    if (!names.equals(RankFeatures.NAMES)) {
      throw new BadInputException(in.source() + ": a rank model over the features " + names
          + ", not this Aisle's " + RankFeatures.NAMES + ": retrain it");
    }
    ProductStats stats = ProductStats.read(in, products.size());
    CoVisits visits = CoVisits.read(in, products.size());
    CandidateModels models = CandidateModels.read(in, products);
    return new RankModel(products, models, stats, visits, Boosters.read(in), candidates);
  }

  @Override
  public String toString() {
    return "rank over " + Arrays.toString(CandidateModels.PARTS.toArray()) + ", "
        + boosters.size() + " booster(s), " + boosters.trees() + " trees";
  }
}
