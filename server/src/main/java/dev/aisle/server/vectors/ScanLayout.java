package dev.aisle.server.vectors;

import java.util.Arrays;

/**
 * How the int8 session scan ({@code QuantizedScan}) lays products out in blocks: the product in
 * each slot, block by block, -1 for an empty slot. Blocks of similar products have tight bounds,
 * so a query skips most of them; finding them is the slow part of building the scan, which is why
 * {@link SavedIndexes} saves the layout beside the model.
 */
@FunctionalInterface
interface ScanLayout {
  /** Products whose neighbour lists one block's search reads, at most. */
  int VISITS = 64;

  /** The slots, in blocks of {@code block}. */
  int[] slots(int block);

  /** Blocks in ordinal order: exact all the same, but bounds prune less. */
  static ScanLayout inOrder(int size) {
    return block -> {
      int[] slots = new int[(size + block - 1) / block * block];
      Arrays.fill(slots, -1);
      for (int p = 0; p < size; p++) {
        slots[p] = p;
      }
      return slots;
    };
  }

  /**
   * Blocks of similar products: each starts at the most popular unassigned product and takes the
   * unassigned products among its neighbours, then among theirs, breadth first (through products
   * already taken too, up to {@link #VISITS} of them), until full. The products of groups that
   * found too few go last, packed together.
   */
  static ScanLayout similar(NeighbourLists lists) {
    return block -> {
      int size = lists.size();
      int[] slots = new int[(size + block - 1) / block * block];
      Arrays.fill(slots, -1);
      int[] leftovers = new int[size];
      int left = 0;
      boolean[] assigned = new boolean[size];
      int[] visitedBy = new int[size];
      Arrays.fill(visitedBy, -1);
      int[] frontier = new int[VISITS * lists.length() + 1];
      int[] group = new int[block];
      int used = 0;
      for (int seed = 0; seed < size; seed++) {
        if (assigned[seed]) {
          continue;
        }
        int count = 0;
        assigned[seed] = true;
        group[count++] = seed;
        visitedBy[seed] = seed;
        int head = 0;
        int tail = 0;
        frontier[tail++] = seed;
        for (int visits = 0; count < block && head < tail && visits < VISITS; visits++) {
          int p = frontier[head++];
          for (int i = 0; i < lists.length() && count < block; i++) {
            int n = lists.neighbour(p, i);
            if (n < 0) {
              break;
            }
            if (visitedBy[n] == seed) {
              continue;
            }
            visitedBy[n] = seed;
            frontier[tail++] = n;
            if (!assigned[n]) {
              assigned[n] = true;
              group[count++] = n;
            }
          }
        }
        if (count == block) {
          System.arraycopy(group, 0, slots, used, block);
          used += block;
        } else {
          System.arraycopy(group, 0, leftovers, left, count);
          left += count;
        }
      }
      System.arraycopy(leftovers, 0, slots, used, left);
      return slots;
    };
  }
}
