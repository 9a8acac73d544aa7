package dev.aisle.rank;

import dev.aisle.BadInputException;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.neighbours.ExactNeighbours;
import dev.aisle.neighbours.NeighbourKernel;

/**
 * Every product's {@code length} nearest products by the cosine of an embedding model's vectors,
 * exactly (the product itself left out): the pool from which the
 * ranker takes that model's candidates for a session ({@link CandidateSource}), so that a query
 * reads a few lists instead of scanning the catalog.
 *
 * <p>Computed once when the ranker is trained, by {@link ExactNeighbours} (as the server's
 * related-product lists are: {@code products^2 x dim} multiply-adds), and saved in the rank model
 * file, so that the evaluation and the server read the same lists.
 *
 * <pre>
 * CosineNeighbours lists = CosineNeighbours.compute(item2vec, 50, threads);
 * int nearest = lists.neighbour(product, 0); // -1 past the end of a shorter list
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
final class CosineNeighbours {
  private final int size;
  private final int length;
  private final int[] ids;

  private CosineNeighbours(int size, int length, int[] ids) {
    this.size = size;
    this.length = length;
    this.ids = ids;
  }

  /**
   * The lists of {@code model}'s products.
   *
   * @param length neighbours kept per product (at most {@code products - 1} are found)
   * @param threads worker threads
   */
  static CosineNeighbours compute(EmbeddingModel model, int length, int threads) {
    int n = model.products().size();
    NeighbourKernel kernel = NeighbourKernel.of(model.unitVectors(), n, model.dim());
    int[] ids = ExactNeighbours.compute(kernel, length, threads, ExactNeighbours.Progress.NONE)
        .ids();
    return new CosineNeighbours(n, length, ids);
  }

  /** Neighbours kept per product. */
  int length() {
    return length;
  }

  /** The {@code i}-th nearest product to {@code product}, or -1 past the end of its list. */
  int neighbour(int product, int i) {
    return ids[product * length + i];
  }

  void write(BinaryWriter out) {
    out.writeVarInt(size);
    out.writeVarInt(length);
    for (int id : ids) {
      out.writeVarInt(id + 1);
    }
  }

  /** Reads what {@link #write} wrote, for a vocabulary of {@code products} products. */
  static CosineNeighbours read(BinaryReader in, int products) {
    int size = in.readCount(products, "products with neighbour lists");
    if (size != products) {
      throw new BadInputException(in.source() + ": neighbour lists of " + size
          + " products for a vocabulary of " + products);
    }
    int length = in.readCount(1 << 16, "neighbour list length");
    int[] ids = new int[size * length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = in.readVarInt() - 1;
      if (ids[i] < -1 || ids[i] >= size) {
        throw new BadInputException(in.source() + ": neighbour " + ids[i] + " of product "
            + i / length + " beyond the vocabulary of " + size);
      }
    }
    return new CosineNeighbours(size, length, ids);
  }
}
