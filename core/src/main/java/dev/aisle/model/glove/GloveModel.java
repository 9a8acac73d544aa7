package dev.aisle.model.glove;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.ProductVectors;
import dev.aisle.model.SessionWeighting;

/**
 * GloVe product vectors ({@code w + w~}), queried by cosine as {@link ProductVectors} does.
 *
 * <p>Immutable and thread-safe.
 */
public final class GloveModel implements EmbeddingModel {
  private final ProductIndex products;
  private final GloveOptions options;
  private final ProductVectors vectors;

  GloveModel(ProductIndex products, GloveOptions options, ProductVectors vectors) {
    if (vectors.count() != products.size() || vectors.dim() != options.dim()) {
      throw new IllegalArgumentException("vectors do not match the products and dim");
    }
    this.products = products;
    this.options = options;
    this.vectors = vectors;
  }

  @Override
  public String algorithm() {
    return "glove";
  }

  @Override
  public ProductIndex products() {
    return products;
  }

  public GloveOptions options() {
    return options;
  }

  @Override
  public int dim() {
    return vectors.dim();
  }

  @Override
  public float[] vector(int product) {
    return vectors.vector(product);
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
    vectors.scoreNext(session, options.sessionWeighting(), options.lambda(), scores);
  }

  @Override
  public void write(BinaryWriter out) {
    out.writeVarInt(options.dim());
    out.writeVarInt(options.window());
    out.writeByte(options.distanceWeighting() ? 1 : 0);
    out.writeDouble(options.xMax());
    out.writeDouble(options.alpha());
    out.writeDouble(options.eta());
    out.writeVarInt(options.epochs());
    out.writeString(options.sessionWeighting().label());
    out.writeDouble(options.lambda());
    vectors.write(out);
  }

  /** Reads what {@link #write} wrote. */
  public static GloveModel read(BinaryReader in, ProductIndex products) {
    GloveOptions o = new GloveOptions(in.readVarInt(), in.readVarInt(), in.readByte() == 1,
        in.readDouble(), in.readDouble(), in.readDouble(), in.readVarInt(),
        SessionWeighting.fromLabel(in.readString()), in.readDouble());
    return new GloveModel(products, o, ProductVectors.read(in, products.size()));
  }
}
