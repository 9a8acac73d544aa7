package dev.aisle.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/**
 * Picks the k best-scored products. Ties go to the lower ordinal, which is the more popular
 * product (ordinals are in order of popularity).
 */
public final class TopK {
  private TopK() {}

  /**
   * The {@code k} products with the highest scores, best first.
   *
   * @param exclude products never to return (e.g. the query product), or null
   */
  public static List<ScoredItem> select(float[] scores, int k, IntPredicate exclude) {
    return select(scores, null, scores.length, k, exclude);
  }

  /**
   * The {@code k} best of the candidate products {@code candidates[0, count)}, best first: for
   * sparse scores, where scanning every product would cost more than the candidates.
   */
  public static List<ScoredItem> select(float[] scores, int[] candidates, int count, int k) {
    return select(scores, candidates, count, k, null);
  }

  private static List<ScoredItem> select(float[] scores, int[] candidates, int count, int k,
      IntPredicate exclude) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    PriorityQueue<ScoredItem> heap = new PriorityQueue<>(k + 1, TopK::worseFirst);
    for (int i = 0; i < count; i++) {
      int p = candidates == null ? i : candidates[i];
      if (exclude != null && exclude.test(p)) {
        continue;
      }
      float s = scores[p];
      if (Float.isNaN(s)) {
        continue;
      }
      if (heap.size() < k) {
        heap.add(new ScoredItem(p, s));
      } else if (better(p, s, heap.peek())) {
        heap.poll();
        heap.add(new ScoredItem(p, s));
      }
    }
    List<ScoredItem> out = new ArrayList<>(heap);
    out.sort(Collections.reverseOrder(TopK::worseFirst));
    return out;
  }

  /**
   * A score (any but NaN) and an id in one long whose order is the order of {@link #select}: by
   * score, as {@link Float#compare} orders them, ties to the lower id. The score's bits go in the
   * high half, a negative one's lower 31 bits flipped so that its bits order as the float does.
   * For the hot paths that pick from thousands of candidates without boxing them ({@link
   * #selectPacked}).
   */
  public static long pack(float score, int id) {
    int bits = Float.floatToIntBits(score);
    return ((long) (bits ^ ((bits >> 31) & Integer.MAX_VALUE)) << 32)
        | (Integer.MAX_VALUE - id);
  }

  /** The id of a {@link #pack packed} entry. */
  public static int packedId(long packed) {
    return Integer.MAX_VALUE - (int) packed;
  }

  /** The score of a {@link #pack packed} entry. */
  public static float packedScore(long packed) {
    int bits = (int) (packed >> 32);
    return Float.intBitsToFloat(bits ^ ((bits >> 31) & Integer.MAX_VALUE));
  }

  /**
   * Moves the {@code k} largest of {@code packed[0, count)} to its front, largest first, through
   * a min-heap of {@code k} (no sort of them all); what lies past them is
   * left in no useful order.
   *
   * @return how many are at the front: {@code min(k, count)}
   */
  public static int selectPacked(long[] packed, int count, int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    int n = Math.min(k, count);
    if (count > k) {
      for (int i = n / 2 - 1; i >= 0; i--) {
        siftDown(packed, i, packed[i], n);
      }
      for (int i = n; i < count; i++) {
        if (packed[i] > packed[0]) {
          siftDown(packed, 0, packed[i], n);
        }
      }
    }
    Arrays.sort(packed, 0, n);
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      long t = packed[i];
      packed[i] = packed[j];
      packed[j] = t;
    }
    return n;
  }

  /** Puts {@code value} at {@code i} of the min-heap {@code heap[0, n)} and sifts it down. */
  private static void siftDown(long[] heap, int i, long value, int n) {
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) {
        break;
      }
      if (child + 1 < n && heap[child + 1] < heap[child]) {
        child++;
      }
      if (heap[child] >= value) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = value;
  }

  private static boolean better(int p, float s, ScoredItem other) {
    return s > other.score() || (s == other.score() && p < other.product());
  }

  /** Orders the worse item first: lower score, then higher ordinal. */
  private static int worseFirst(ScoredItem a, ScoredItem b) {
    int c = Float.compare(a.score(), b.score());
    return c != 0 ? c : Integer.compare(b.product(), a.product());
  }
}
