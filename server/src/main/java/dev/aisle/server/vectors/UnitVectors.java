package dev.aisle.server.vectors;

import dev.aisle.model.EmbeddingModel;

/**
 * An embedding model's product vectors scaled to unit length, {@code size x dim} row-major: what
 * every index here scores against, so that a dot product is a cosine.
 *
 * <p>Immutable and thread-safe (the array is shared with the model, never modified and never
 * handed out).
 */
public final class UnitVectors {
  final float[] unit;
  final int size;
  final int dim;

  UnitVectors(float[] unit, int size, int dim) {
    if (unit.length != size * dim) {
      throw new IllegalArgumentException("expected " + size + " x " + dim + " floats, got "
          + unit.length);
    }
    this.unit = unit;
    this.size = size;
    this.dim = dim;
  }

  /**
   * The model's vectors, each divided by its length (a zero vector stays zero): the model's own
   * array ({@link EmbeddingModel#unitVectors}), not a copy.
   */
  public static UnitVectors of(EmbeddingModel model) {
    return new UnitVectors(model.unitVectors(), model.products().size(), model.dim());
  }

  /** Products. */
  public int size() {
    return size;
  }

  /** The dimension. */
  public int dim() {
    return dim;
  }

  /** The dot product of one product's unit vector with {@code query} (a cosine for a unit query). */
  public float dot(int product, float[] query) {
    float s = 0;
    int at = product * dim;
    for (int i = 0; i < dim; i++) {
      s += unit[at + i] * query[i];
    }
    return s;
  }

  /** A copy of one product's unit vector. */
  public float[] row(int product) {
    float[] q = new float[dim];
    System.arraycopy(unit, product * dim, q, 0, dim);
    return q;
  }
}
