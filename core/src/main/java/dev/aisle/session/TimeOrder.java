package dev.aisle.session;

/**
 * Stable sorting of int indices by a long key (a timestamp), without boxing. Runs of browse events
 * are short and nearly sorted, so insertion sort handles small ranges and a merge sort the rest;
 * stability keeps equal timestamps in input order, which is what a log writer meant.
 */
final class TimeOrder {
  private static final int INSERTION_THRESHOLD = 32;

  private TimeOrder() {}

  /** Sorts {@code idx[from, to)} by {@code key[idx[i]]}, stably; {@code scratch} as long as {@code idx}. */
  static void sort(int[] idx, int from, int to, long[] key, int[] scratch) {
    if (to - from <= INSERTION_THRESHOLD) {
      insertion(idx, from, to, key);
      return;
    }
    if (isSorted(idx, from, to, key)) {
      return;
    }
    int mid = (from + to) >>> 1;
    sort(idx, from, mid, key, scratch);
    sort(idx, mid, to, key, scratch);
    if (key[idx[mid - 1]] <= key[idx[mid]]) {
      return;
    }
    System.arraycopy(idx, from, scratch, from, to - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      idx[k++] = key[scratch[j]] < key[scratch[i]] ? scratch[j++] : scratch[i++];
    }
    while (i < mid) {
      idx[k++] = scratch[i++];
    }
    while (j < to) {
      idx[k++] = scratch[j++];
    }
  }

  private static boolean isSorted(int[] idx, int from, int to, long[] key) {
    for (int i = from + 1; i < to; i++) {
      if (key[idx[i]] < key[idx[i - 1]]) {
        return false;
      }
    }
    return true;
  }

  private static void insertion(int[] idx, int from, int to, long[] key) {
    for (int i = from + 1; i < to; i++) {
      int v = idx[i];
      long kv = key[v];
      int j = i - 1;
      while (j >= from && key[idx[j]] > kv) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = v;
    }
  }
}
