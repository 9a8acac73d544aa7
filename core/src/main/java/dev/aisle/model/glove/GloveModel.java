package dev.aisle.model.glove;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.ProductVectors;
import dev.aisle.model.SessionWeighting;
import dev.aisle.model.VectorModel;

/**
 * GloVe product vectors ({@code w + w~}), queried by cosine as {@link ProductVectors} does.
 *
 * <p>Immutable and thread-safe.
 */
public final class GloveModel extends VectorModel {
  private final GloveOptions options;

  GloveModel(ProductIndex products, GloveOptions options, ProductVectors vectors) {
    super(products, vectors, options.sessionWeighting(), options.lambda());
    if (vectors.dim() != options.dim()) {
      throw new IllegalArgumentException("vectors do not match the products and dim");
    }
    this.options = options;
  }

  @Override
  public String algorithm() {
    return "glove";
  }

  public GloveOptions options() {
    return options;
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
    vectors().write(out);
  }

  /** Reads what {@link #write} wrote. */
  public static GloveModel read(BinaryReader in, ProductIndex products) {
    GloveOptions o = new GloveOptions(in.readVarInt(), in.readVarInt(), in.readByte() == 1,
        in.readDouble(), in.readDouble(), in.readDouble(), in.readVarInt(),
        SessionWeighting.fromLabel(in.readString()), in.readDouble());
    return new GloveModel(products, o, ProductVectors.read(in, products.size()));
  }
}
