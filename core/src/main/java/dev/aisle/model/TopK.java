package dev.aisle.model;

import java.util.ArrayList;
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

  private static boolean better(int p, float s, ScoredItem other) {
    return s > other.score() || (s == other.score() && p < other.product());
  }

  /** Orders the worse item first: lower score, then higher ordinal. */
  private static int worseFirst(ScoredItem a, ScoredItem b) {
    int c = Float.compare(a.score(), b.score());
    return c != 0 ? c : Integer.compare(b.product(), a.product());
  }
}
