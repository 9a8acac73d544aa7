package dev.aisle.model;

/** A model that places every product at a point in a vector space (item2vec, GloVe, SVD). */
public interface EmbeddingModel extends Recommender {
  /** The dimension of the vectors. */
  int dim();

  /** A copy of the product's vector, as trained (not normalised). */
  float[] vector(int product);

  /**
   * Every product's vector divided by its length (a zero vector stays zero), {@code products x
   * dim} row-major: the model's own array, not a copy, so that a server serving a million
   * products holds it once. Callers must not modify it.
   */
  float[] unitVectors();

  /**
   * The query {@link #scoreNext} scores a session with: the weighted sum of the session's unit
   * vectors. A product's score is the dot product of its unit vector with it, so a server can
   * score a few candidate products instead of all.
   */
  float[] sessionQuery(int[] session);
}
