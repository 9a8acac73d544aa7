package dev.aisle.generate;

import java.util.function.IntUnaryOperator;

/**
 * Products grouped by a key (say style and category), each group in order of global popularity, so
 * that a Zipf rank drawn for a group picks its popular products most. All groups share one array:
 * group {@code k} is {@code items[start[k], start[k + 1])}.
 *
 * <p>Immutable and thread-safe.
 */
final class ProductPools {
  private final int[] start;
  private final int[] items;

  /**
   * @param keys the number of keys
   * @param byPopularity every product, most popular first
   * @param key the key of a product, in {@code [0, keys)}
   */
  ProductPools(int keys, int[] byPopularity, IntUnaryOperator key) {
    start = new int[keys + 1];
    for (int p : byPopularity) {
      start[key.applyAsInt(p) + 1]++;
    }
    for (int k = 0; k < keys; k++) {
      start[k + 1] += start[k];
    }
    items = new int[byPopularity.length];
    int[] fill = start.clone();
    for (int p : byPopularity) {
      items[fill[key.applyAsInt(p)]++] = p;
    }
  }

  /** The number of products with key {@code k}. */
  int size(int k) {
    return start[k + 1] - start[k];
  }

  /** The product of popularity rank {@code rank} among those with key {@code k}. */
  int get(int k, int rank) {
    return items[start[k] + rank];
  }
}
