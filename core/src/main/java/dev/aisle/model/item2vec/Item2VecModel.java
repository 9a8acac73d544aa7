package dev.aisle.model.item2vec;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.linalg.VectorMath;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.SessionWeighting;

/**
 * Product embeddings. Related products are the nearest by cosine; the next product for a session
 * is the nearest to the weighted sum of its products' unit vectors (weights by {@link
 * SessionWeighting}). Queries scan all products exactly; the server adds an approximate index for
 * large catalogs.
 *
 * <p>Immutable and thread-safe.
 */
public final class Item2VecModel implements EmbeddingModel {
  private final ProductIndex products;
  private final Item2VecOptions options;
  private final int dim;
  private final float[] vectors; // as trained
  private final float[] unit; // normalised copies, for cosine

  Item2VecModel(ProductIndex products, Item2VecOptions options, float[] vectors) {
    this.products = products;
    this.options = options;
    this.dim = options.dim();
    if (vectors.length != products.size() * dim) {
      throw new IllegalArgumentException("expected " + products.size() + " x " + dim
          + " floats, got " + vectors.length);
    }
    this.vectors = vectors;
    this.unit = vectors.clone();
    for (int p = 0; p < products.size(); p++) {
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

  /**
   * A model from vectors trained elsewhere (e.g. read with {@link
   * dev.aisle.export.Word2VecFormat#read}), queried like a trained one.
   *
   * @param vectors {@code products.size() x options.dim()} floats, product by product
   */
  public static Item2VecModel of(ProductIndex products, Item2VecOptions options, float[] vectors) {
    return new Item2VecModel(products, options, vectors.clone());
  }

  @Override
  public String algorithm() {
    return "item2vec";
  }

  @Override
  public ProductIndex products() {
    return products;
  }

  /** The options the model was trained with. */
  public Item2VecOptions options() {
    return options;
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public float[] vector(int product) {
    return java.util.Arrays.copyOfRange(vectors, product * dim, product * dim + dim);
  }

  /** The unit-length vector of a product (a copy). */
  public float[] unitVector(int product) {
    return java.util.Arrays.copyOfRange(unit, product * dim, product * dim + dim);
  }

  @Override
  public void scoreRelated(int product, float[] scores) {
    scoreAgainst(unit, product * dim, scores);
  }

  @Override
  public void scoreNext(int[] session, float[] scores) {
    float[] query = new float[dim];
    int n = session.length;
    for (int i = 0; i < n; i++) {
      float w = (float) options.sessionWeighting().weight(i, n, options.lambda());
      if (w != 0) {
        VectorMath.axpy(w, unit, session[i] * dim, query, 0, dim);
      }
    }
    scoreAgainst(query, 0, scores);
  }

  private void scoreAgainst(float[] q, int qo, float[] scores) {
    for (int p = 0; p < scores.length; p++) {
      scores[p] = VectorMath.dot(q, qo, unit, p * dim, dim);
    }
  }

  @Override
  public void write(BinaryWriter out) {
    out.writeVarInt(options.dim());
    out.writeVarInt(options.window());
    out.writeVarInt(options.negative());
    out.writeDouble(options.sample());
    out.writeDouble(options.alpha());
    out.writeDouble(options.minAlpha());
    out.writeVarInt(options.epochs());
    out.writeString(options.sessionWeighting().label());
    out.writeDouble(options.lambda());
    for (float v : vectors) {
      out.writeFloat(v);
    }
  }

  /** Reads what {@link #write} wrote. */
  public static Item2VecModel read(BinaryReader in, ProductIndex products) {
    Item2VecOptions o = new Item2VecOptions(in.readVarInt(), in.readVarInt(), in.readVarInt(),
        in.readDouble(), in.readDouble(), in.readDouble(), in.readVarInt(),
        SessionWeighting.fromLabel(in.readString()), in.readDouble());
    float[] v = new float[products.size() * o.dim()];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readFloat();
    }
    return new Item2VecModel(products, o, v);
  }
}
