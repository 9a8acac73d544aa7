package dev.aisle.model;

import java.util.List;

/**
 * A model that takes the nearest products of embedding models as candidates and orders them
 * itself (the learned ranker): a server that keeps exact scans for those models' session queries
 * hands them in with {@link #withScans}, and the model answers the same, faster.
 */
public interface EmbeddingCandidates extends Recommender {
  /** The embedding models whose session queries this model scans, in a fixed order. */
  List<EmbeddingModel> candidateEmbeddings();

  /**
   * This model answering each of {@link #candidateEmbeddings}'s session queries with the scan
   * at the same index: the same answers, as the scans are exact.
   *
   * @throws IllegalArgumentException when there is not one scan per embedding model
   */
  Recommender withScans(List<NearestScan> scans);
}
