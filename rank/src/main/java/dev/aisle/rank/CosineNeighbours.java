package dev.aisle.rank;

import dev.aisle.BadInputException;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.linalg.Gemm;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.parallel.Parallel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every product's {@code length} nearest products by the cosine of an embedding model's vectors,
 * exactly (the product itself left out, ties to the lower ordinal): the pool from which the
 * ranker takes that model's candidates for a session ({@link CandidateSource}), so that a query
 * reads a few lists instead of scanning the catalog.
 *
 * <p>Computed once when the ranker is trained, a block of products against all of them at a time
 * through {@link Gemm} ({@code products^2 x dim} multiply-adds), and saved in the rank model file,
 * so that the evaluation and the server read the same lists.
 *
 * <pre>
 * CosineNeighbours lists = CosineNeighbours.compute(item2vec, 50, threads);
 * int nearest = lists.neighbour(product, 0); // -1 past the end of a shorter list
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
final class CosineNeighbours {
  /** Scores held at once while computing: a block of rows against every product. */
  private static final int BLOCK_FLOATS = 1 << 23;

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
   * @param threads threads for the multiply and the selection
   */
  static CosineNeighbours compute(EmbeddingModel model, int length, int threads) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be >= 1, was " + length);
    }
    float[] unit = model.unitVectors();
    int dim = model.dim();
    int n = model.products().size();
    int[] ids = new int[n * length];
    Arrays.fill(ids, -1);
    int kept = Math.min(length, n - 1);
    if (kept < 1) {
      return new CosineNeighbours(n, length, ids);
    }
    int block = Math.max(1, Math.min(n, BLOCK_FLOATS / n));
    float[] cosines = new float[block * n];
    for (int from = 0; from < n; from += block) {
      int rows = Math.min(block, n - from);
      Gemm.multiply(rows, n, dim, unit, from * dim, dim, false, unit, 0, dim, true, cosines, 0,
          n, false, threads);
      int first = from;
      AtomicInteger next = new AtomicInteger();
      Parallel.run(Math.max(1, Math.min(threads, rows)), worker -> {
        float[] row = new float[n];
        for (int r = next.getAndIncrement(); r < rows; r = next.getAndIncrement()) {
          int product = first + r;
          System.arraycopy(cosines, r * n, row, 0, n);
          List<ScoredItem> top = TopK.select(row, kept, p -> p == product);
          for (int i = 0; i < top.size(); i++) {
            ids[product * length + i] = top.get(i).product();
          }
        }
      });
    }
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
