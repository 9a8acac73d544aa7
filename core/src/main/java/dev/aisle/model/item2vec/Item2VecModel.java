package dev.aisle.model.item2vec;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.ProductVectors;
import dev.aisle.model.SessionWeighting;
import dev.aisle.model.VectorModel;

/**
 * Product embeddings. Related products are the nearest by cosine; the next product for a session
 * is the nearest to the weighted sum of its products' unit vectors (weights by {@link
 * SessionWeighting}). Queries scan all products exactly; the server adds an approximate index for
 * large catalogs.
 *
 * <p>Immutable and thread-safe.
 */
public final class Item2VecModel extends VectorModel {
  private final Item2VecOptions options;

  Item2VecModel(ProductIndex products, Item2VecOptions options, float[] vectors) {
    super(products, new ProductVectors(products.size(), options.dim(), vectors),
        options.sessionWeighting(), options.lambda());
    this.options = options;
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

  /** The options the model was trained with. */
  public Item2VecOptions options() {
    return options;
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
    vectors().writeValues(out);
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
