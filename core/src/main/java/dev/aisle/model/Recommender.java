package dev.aisle.model;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryWriter;
import java.util.List;

/**
 * A trained model. It answers the two questions a shop asks: which products are related to this
 * one ("customers also browsed"), and which product comes next in this session. Both fill a score
 * for every product (higher is better); {@link TopK} turns scores into a ranked list.
 *
 * <p>Implementations are immutable after training and thread-safe for queries.
 */
public interface Recommender {
  /** The algorithm's name, e.g. {@code item2vec}. */
  String algorithm();

  /** The products the model knows, by ordinal. */
  ProductIndex products();

  /**
   * Scores every product as the next one browsed after {@code session}.
   *
   * @param session product ordinals in browse order, oldest first; at least one
   * @param scores filled with one score per product ordinal (overwritten, length {@code
   *     products().size()})
   */
  void scoreNext(int[] session, float[] scores);

  /**
   * Scores many sessions at once, as {@link #scoreNext} would one by one (up to float rounding):
   * for evaluations and learning curves. Models whose query is a matrix product (the dense
   * network) answer a batch with one blocked matrix multiply.
   *
   * @param scores one array per session, each filled as by {@link #scoreNext}
   */
  default void scoreNextBatch(List<int[]> sessions, float[][] scores) {
    for (int i = 0; i < sessions.size(); i++) {
      scoreNext(sessions.get(i), scores[i]);
    }
  }

  /**
   * Scores every product by how related it is to {@code product}.
   *
   * @param scores filled with one score per product ordinal (overwritten)
   */
  void scoreRelated(int product, float[] scores);

  /**
   * The {@code k} best next products after {@code session} (or all when the catalog is smaller),
   * best first, as {@link TopK} picks them from {@link #scoreNext}'s scores. Models whose scores
   * are sparse (co-occurrence, session kNN) answer without an array over the whole catalog.
   */
  default List<ScoredItem> topNext(int[] session, int k) {
    float[] scores = new float[products().size()];
    scoreNext(session, scores);
    return TopK.select(scores, Math.min(scores.length, k), null);
  }

  /**
   * The {@code k} products most related to {@code product}, best first, as {@link TopK} picks
   * them from {@link #scoreRelated}'s scores.
   */
  default List<ScoredItem> topRelated(int product, int k) {
    float[] scores = new float[products().size()];
    scoreRelated(product, scores);
    return TopK.select(scores, Math.min(scores.length, k), null);
  }

  /**
   * Why this model recommends what it does, worded with the shop's {@code labels}. The default
   * names the query product ("related to Linen cushion") and falls back to popularity for a
   * session's next products; models that know more say more.
   */
  default Explainer explainer(ProductLabels labels) {
    return Explainer.worded(labels, "related to ", null);
  }

  /** Writes the model's parameters (not the vocabulary or provenance, which {@link ModelFile} writes). */
  void write(BinaryWriter out);
}
