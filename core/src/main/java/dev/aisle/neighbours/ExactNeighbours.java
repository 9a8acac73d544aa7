package dev.aisle.neighbours;

import dev.aisle.parallel.Parallel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exact {@code length} nearest neighbours of every product by the dot product of unit
 * vectors (their cosine), the product itself left out: brute force over all pairs, {@code n^2 *
 * dim} multiply-adds, a block of {@link NeighbourKernel#QUERY_BLOCK} products against all of
 * them per pass, the blocks shared among threads. Used by the server's related-product lists
 * and by the ranker's candidate pools, which must be the same computation.
 *
 * <pre>
 * ExactNeighbours.Lists lists = ExactNeighbours.compute(NeighbourKernel.of(unit, n, dim), 50,
 *     threads, ExactNeighbours.Progress.NONE);
 * int nearest = lists.ids()[product * 50]; // -1 past the end of a shorter list
 * </pre>
 */
public final class ExactNeighbours {
  private ExactNeighbours() {}

  /**
   * Every product's list, {@code length} entries each, best first ({@code -1} and 0 past the
   * end of a list shorter than {@code length}).
   *
   * @param ids the neighbours, product {@code p}'s at {@code p * length}
   * @param scores their dot products with the product
   */
  public record Lists(int[] ids, float[] scores) {}

  /** Told how many products are done as blocks of them finish; called from worker threads. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total) -> {};

    void report(long done, long total);
  }

  /**
   * Computes the lists.
   *
   * @param kernel scores against the unit vectors of all products
   * @param length neighbours kept per product (at most {@code size - 1} are found)
   * @param threads worker threads
   */
  public static Lists compute(NeighbourKernel kernel, int length, int threads,
      Progress progress) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be >= 1, was " + length);
    }
    int size = kernel.size();
    int kept = Math.min(length, size - 1);
    int[] ids = new int[size * length];
    float[] scores = new float[size * length];
    Arrays.fill(ids, -1);
    int block = NeighbourKernel.QUERY_BLOCK;
    int blocks = (size + block - 1) / block;
    AtomicInteger next = new AtomicInteger();
    Parallel.run(threads, worker -> {
      TopHeap[] heaps = new TopHeap[block];
      for (int i = 0; i < block; i++) {
        heaps[i] = new TopHeap(Math.max(kept, 1));
      }
      for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
        int from = b * block;
        int count = Math.min(block, size - from);
        for (int i = 0; i < count; i++) {
          heaps[i].reset(from + i);
        }
        if (kept > 0) {
          kernel.scan(from, count, heaps);
        }
        for (int i = 0; i < count; i++) {
          heaps[i].drainBestFirst(ids, scores, (from + i) * length);
        }
        progress.report(Math.min(size, (long) (b + 1) * block), size);
      }
    });
    return new Lists(ids, scores);
  }
}
