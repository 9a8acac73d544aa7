package dev.aisle.model;

import dev.aisle.corpus.ProductIndex;

/**
 * An embedding model whose whole state is its {@link ProductVectors} and the session weighting of
 * its options (item2vec, GloVe, SVD): queried by cosine as {@link ProductVectors} does. Subclasses add their
 * name, options and file layout.
 *
 * <p>Immutable and thread-safe.
 */
public abstract class VectorModel implements EmbeddingModel {
  private final ProductIndex products;
  private final ProductVectors vectors;
  private final SessionWeighting sessionWeighting;
  private final double lambda;

  protected VectorModel(ProductIndex products, ProductVectors vectors,
      SessionWeighting sessionWeighting, double lambda) {
    if (vectors.count() != products.size()) {
      throw new IllegalArgumentException("vectors do not match the products and dim");
    }
    this.products = products;
    this.vectors = vectors;
    this.sessionWeighting = sessionWeighting;
    this.lambda = lambda;
  }

  /** "similar to Linen cushion"; for a session "similar to what you browsed". */
  @Override
  public Explainer explainer(ProductLabels labels) {
    return Explainer.worded(labels, "similar to ", "similar to what you browsed");
  }

  @Override
  public ProductIndex products() {
    return products;
  }

  /** The vectors, for subclasses to write. */
  protected ProductVectors vectors() {
    return vectors;
  }

  @Override
  public int dim() {
    return vectors.dim();
  }

  @Override
  public float[] vector(int product) {
    return vectors.vector(product);
  }

  @Override
  public float[] unitVectors() {
    return vectors.unitRows();
  }

  /** The cosine of two products' vectors. */
  public float cosine(int a, int b) {
    return vectors.cosine(a, b);
  }

  @Override
  public void scoreRelated(int product, float[] scores) {
    vectors.scoreRelated(product, scores);
  }

  @Override
  public void scoreNext(int[] session, float[] scores) {
    vectors.scoreNext(session, sessionWeighting, lambda, scores);
  }

  @Override
  public float[] sessionQuery(int[] session) {
    return vectors.sessionQuery(session, sessionWeighting, lambda);
  }
}
