package dev.aisle.server.vectors;

import dev.aisle.model.EmbeddingModel;

/**
 * An embedding model's product vectors scaled to unit length, {@code size x dim} row-major: what
 * every index here scores against, so that a dot product is a cosine.
 *
 * <p>Immutable and thread-safe (the array is never handed out).
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

  /** The model's vectors, each divided by its length (a zero vector stays zero). */
  public static UnitVectors of(EmbeddingModel model) {
    int n = model.products().size();
    int dim = model.dim();
    float[] unit = new float[n * dim];
    for (int p = 0; p < n; p++) {
      float[] v = model.vector(p);
      double norm = 0;
      for (float x : v) {
        norm += (double) x * x;
      }
      float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
      for (int i = 0; i < dim; i++) {
        unit[p * dim + i] = v[i] * inv;
      }
    }
    return new UnitVectors(unit, n, dim);
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
