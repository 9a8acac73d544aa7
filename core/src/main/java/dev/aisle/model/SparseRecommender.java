package dev.aisle.model;

import java.util.List;

/**
 * A model whose next-product scores are sparse: a query touches a few hundred products and every
 * other product scores 0 (co-occurrence, session kNN). It answers with those products alone,
 * without an array over the whole catalog.
 *
 * <p>Implementations are thread-safe for queries.
 */
public interface SparseRecommender extends Recommender {
  /**
   * The scores {@link #scoreNext} gives the products a session touches, bit for bit; every other
   * product scores 0. Scores are non-negative.
   */
  default SparseScores sparseNext(int[] session) {
    SparseScores out = new SparseScores(256);
    sparseNext(session, out);
    return out;
  }

  /**
   * Adds the scores of {@link #sparseNext(int[])} to {@code into}, an empty map: one that a
   * caller clears and reuses across its queries, so that a query does not grow a new map.
   */
  void sparseNext(int[] session, SparseScores into);

  /** The best of {@link #sparseNext}, then the most popular untouched products (score 0). */
  @Override
  default List<ScoredItem> topNext(int[] session, int k) {
    return sparseNext(session).top(k, products().size());
  }
}
