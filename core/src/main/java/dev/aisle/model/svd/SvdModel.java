package dev.aisle.model.svd;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.ProductVectors;
import dev.aisle.model.SessionWeighting;
import dev.aisle.model.VectorModel;

/**
 * Product vectors {@code U Sigma^eig} of the PPMI matrix, queried by cosine as {@link ProductVectors} does.
 *
 * <p>Immutable and thread-safe.
 */
public final class SvdModel extends VectorModel {
  private final SvdOptions options;

  SvdModel(ProductIndex products, SvdOptions options, ProductVectors vectors) {
    super(products, vectors, options.sessionWeighting(), options.lambda());
    if (vectors.dim() > options.dim()) {
      throw new IllegalArgumentException("vectors do not match the products and dim");
    }
    this.options = options;
  }

  @Override
  public String algorithm() {
    return "svd";
  }

  public SvdOptions options() {
    return options;
  }

  @Override
  public void write(BinaryWriter out) {
    out.writeVarInt(options.dim());
    out.writeVarInt(options.window());
    out.writeByte(options.distanceWeighting() ? 1 : 0);
    out.writeDouble(options.cds());
    out.writeDouble(options.neg());
    out.writeDouble(options.eig());
    out.writeVarInt(options.oversampling());
    out.writeVarInt(options.powerIterations());
    out.writeString(options.sessionWeighting().label());
    out.writeDouble(options.lambda());
    vectors().write(out);
  }

  /** Reads what {@link #write} wrote. */
  public static SvdModel read(BinaryReader in, ProductIndex products) {
    SvdOptions o = new SvdOptions(in.readVarInt(), in.readVarInt(), in.readByte() == 1,
        in.readDouble(), in.readDouble(), in.readDouble(), in.readVarInt(), in.readVarInt(),
        SessionWeighting.fromLabel(in.readString()), in.readDouble());
    return new SvdModel(products, o, ProductVectors.read(in, products.size()));
  }
}
