package dev.aisle.model;

import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.linalg.VectorMath;
import java.util.Arrays;

/**
 * One vector per product, with the queries every embedding model answers the same way: related
 * products are the nearest by cosine; the next product for a session is the nearest to the
 * weighted sum of its products' unit vectors ({@link SessionWeighting}). Queries scan all
 * products exactly; the server adds an approximate index for large catalogs. What {@code glove}
 * and {@code svd} models are made of.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProductVectors {
  private final int count;
  private final int dim;
  private final float[] vectors; // as trained
  private final float[] unit; // normalised copies, for cosine

  /**
   * @param vectors {@code count x dim} floats, product by product (kept, not copied)
   */
  public ProductVectors(int count, int dim, float[] vectors) {
    if (dim < 1 || vectors.length != (long) count * dim) {
      throw new IllegalArgumentException("expected " + count + " x " + dim + " floats, got "
          + vectors.length);
    }
    this.count = count;
    this.dim = dim;
    this.vectors = vectors;
    this.unit = vectors.clone();
    for (int p = 0; p < count; p++) {
      double norm = 0;
      for (int i = 0; i < dim; i++) {
        norm += (double) unit[p * dim + i] * unit[p * dim + i];
      }
      float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
      for (int i = 0; i < dim; i++) {
        unit[p * dim + i] *= inv;
      }
    }
  }

  public int count() {
    return count;
  }

  public int dim() {
    return dim;
  }

  /** The unit vectors, row-major: the array itself, which callers must not modify. */
  public float[] unitRows() {
    return unit;
  }

  /** A copy of the product's vector, as trained. */
  public float[] vector(int product) {
    return Arrays.copyOfRange(vectors, product * dim, product * dim + dim);
  }

  /** The cosine of two products' vectors (0 when either is zero). */
  public float cosine(int a, int b) {
    return VectorMath.dot(unit, a * dim, unit, b * dim, dim);
  }

  /** Scores every product by its cosine with {@code product}. */
  public void scoreRelated(int product, float[] scores) {
    scoreAgainst(unit, product * dim, scores);
  }

  /** Scores every product by its dot product with {@link #sessionQuery}. */
  public void scoreNext(int[] session, SessionWeighting weighting, double lambda,
      float[] scores) {
    scoreAgainst(sessionQuery(session, weighting, lambda), 0, scores);
  }

  /**
   * The session's weighted sum of unit vectors: a product's score as the next one is its unit
   * vector's dot product with this query, i.e. the weighted sum of its cosines with the session's
   * products.
   */
  public float[] sessionQuery(int[] session, SessionWeighting weighting, double lambda) {
    float[] query = new float[dim];
    int n = session.length;
    for (int i = 0; i < n; i++) {
      float w = (float) weighting.weight(i, n, lambda);
      if (w != 0) {
        VectorMath.axpy(w, unit, session[i] * dim, query, 0, dim);
      }
    }
    return query;
  }

  private void scoreAgainst(float[] q, int qo, float[] scores) {
    for (int p = 0; p < count; p++) {
      scores[p] = VectorMath.dot(q, qo, unit, p * dim, dim);
    }
  }

  /** Writes the count, dimension and vectors. */
  public void write(BinaryWriter out) {
    out.writeVarInt(count);
    out.writeVarInt(dim);
    writeValues(out);
  }

  /** Writes the vectors alone, for file layouts that hold the count and dimension elsewhere. */
  public void writeValues(BinaryWriter out) {
    for (float v : vectors) {
      out.writeFloat(v);
    }
  }

  /** Reads what {@link #write} wrote, for a vocabulary of {@code products} products. */
  public static ProductVectors read(BinaryReader in, int products) {
    int count = in.readCount(products, "vector count");
    if (count != products) {
      throw new dev.aisle.BadInputException(in.source() + ": " + count + " vectors for "
          + products + " products");
    }
    int dim = in.readCount(1 << 16, "vector dimension");
    float[] v = new float[count * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readFloat();
    }
    return new ProductVectors(count, dim, v);
  }
}
