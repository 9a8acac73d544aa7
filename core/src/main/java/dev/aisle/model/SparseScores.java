package dev.aisle.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scores of the few products one query touches, in an open-addressing map from ordinal to
 * score (primitive arrays, linear probing) instead of an array over the whole catalog: a
 * co-occurrence or session-kNN query touches hundreds of products, and filling, scanning and
 * collecting a million-entry array per request is what made those models slow at a million
 * products. The occupied slots are listed in the order filled, so that reading the map and
 * {@link #clear clearing} it for the next query cost its size, not its capacity.
 *
 * <pre>
 * SparseScores s = new SparseScores(64);
 * s.add(12, 0.5f);
 * s.add(7, 0.25f);
 * s.top(20, catalogSize);   // 12, 7, then the most popular untouched products at score 0
 * </pre>
 *
 * <p>Not thread-safe: one per query (or one per thread, cleared between queries).
 */
public final class SparseScores {
  private static final int EMPTY = -1;

  private int[] keys;
  private float[] values;
  /** The occupied slots, in the order filled. */
  private int[] used;
  private int size;

  /** An empty map that holds {@code expected} products before it grows. */
  public SparseScores(int expected) {
    if (expected < 0) {
      throw new IllegalArgumentException("expected must be >= 0, was " + expected);
    }
    int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
    keys = new int[capacity];
    values = new float[capacity];
    used = new int[capacity / 2 + 1];
    Arrays.fill(keys, EMPTY);
  }

  /** Adds {@code score} to the score of {@code product} (0 when untouched). */
  public void add(int product, float score) {
    int slot = slot(product);
    if (keys[slot] == EMPTY) {
      keys[slot] = product;
      values[slot] = score;
      used[size] = slot;
      if (++size * 2 > keys.length) {
        grow();
      }
    } else {
      values[slot] += score;
    }
  }

  /** The score of {@code product}: 0 when untouched. */
  public float get(int product) {
    int slot = slot(product);
    return keys[slot] == EMPTY ? 0 : values[slot];
  }

  /** Whether {@code product} was touched. */
  public boolean contains(int product) {
    return keys[slot(product)] != EMPTY;
  }

  /** Products touched. */
  public int size() {
    return size;
  }

  /** Forgets every product, keeping the capacity: for the next query of the same thread. */
  public void clear() {
    for (int i = 0; i < size; i++) {
      keys[used[i]] = EMPTY;
    }
    size = 0;
  }

  /** Writes every touched product's score into {@code out}; the rest of it is left alone. */
  public void copyTo(float[] out) {
    for (int i = 0; i < size; i++) {
      out[keys[used[i]]] = values[used[i]];
    }
  }

  /**
   * The {@code k} best products of a catalog of {@code catalogSize} (or all of it when smaller),
   * best first, exactly as {@link TopK#select(float[], int, java.util.function.IntPredicate)}
   * picks them from an array holding these scores and 0 elsewhere, for non-negative scores: the
   * products of positive score, ties to the lower ordinal, then the most popular products of score
   * 0 (lowest ordinals first).
   */
  public List<ScoredItem> top(int k, int catalogSize) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    int want = Math.min(k, catalogSize);
    long[] packed = new long[size];
    int positive = 0;
    for (int i = 0; i < size; i++) {
      int slot = used[i];
      if (values[slot] > 0) {
        packed[positive++] = TopK.pack(values[slot], keys[slot]);
      }
    }
    int best = TopK.selectPacked(packed, positive, want);
    List<ScoredItem> out = new ArrayList<>(want);
    for (int i = 0; i < best; i++) {
      out.add(new ScoredItem(TopK.packedId(packed[i]), TopK.packedScore(packed[i])));
    }
    for (int p = 0; p < catalogSize && out.size() < want; p++) {
      if (get(p) == 0) {
        out.add(new ScoredItem(p, 0f));
      }
    }
    return out;
  }

  private int slot(int product) {
    if (product < 0) {
      throw new IllegalArgumentException("product must be >= 0, was " + product);
    }
    int mask = keys.length - 1;
    int h = product * 0x9E3779B9;
    int slot = (h ^ (h >>> 16)) & mask;
    while (keys[slot] != EMPTY && keys[slot] != product) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    int[] oldKeys = keys;
    float[] oldValues = values;
    int[] oldUsed = used;
    keys = new int[oldKeys.length * 2];
    values = new float[oldKeys.length * 2];
    used = new int[oldKeys.length + 1];
    Arrays.fill(keys, EMPTY);
    for (int i = 0; i < size; i++) {
      int old = oldUsed[i];
      int slot = slot(oldKeys[old]);
      keys[slot] = oldKeys[old];
      values[slot] = oldValues[old];
      used[i] = slot;
    }
  }
}
