package dev.aisle.model;

/** A model that places every product at a point in a vector space (item2vec, GloVe, SVD). */
public interface EmbeddingModel extends Recommender {
  /** The dimension of the vectors. */
  int dim();

  /** A copy of the product's vector, as trained (not normalised). */
  float[] vector(int product);
}
