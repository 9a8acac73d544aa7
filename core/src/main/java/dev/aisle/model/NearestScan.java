package dev.aisle.model;

import dev.aisle.linalg.VectorMath;
import java.util.List;

/**
 * The products whose unit vectors have the largest dot product with a query vector, exactly:
 * how an {@link EmbeddingModel} answers a session ({@link EmbeddingModel#sessionQuery}). {@link
 * #of} scans every product; the server keeps faster exact scans (an int8 copy with bounds).
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface NearestScan {
  /**
   * The {@code k} products (or all, when fewer) of largest dot product with {@code query}, best
   * first, ties to the lower ordinal: what {@link TopK} picks from {@link EmbeddingModel#scoreNext}
   * for the session whose query it is.
   */
  List<ScoredItem> nearest(float[] query, int k);

  /** A scan of every product of {@code model}, scored as {@link ProductVectors} scores them. */
  static NearestScan of(EmbeddingModel model) {
    float[] unit = model.unitVectors();
    int dim = model.dim();
    int size = model.products().size();
    return (query, k) -> {
      float[] scores = new float[size];
      for (int p = 0; p < size; p++) {
        scores[p] = VectorMath.dot(query, 0, unit, p * dim, dim);
      }
      return TopK.select(scores, Math.min(size, k), null);
    };
  }
}
