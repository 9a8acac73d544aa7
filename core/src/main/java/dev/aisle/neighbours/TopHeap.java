package dev.aisle.neighbours;

import dev.aisle.model.ScoredItem;
import java.util.ArrayList;
import java.util.List;

/**
 * The best {@code capacity} scores seen for one query product, as a min-heap whose root is the
 * bar a new score must pass. The query itself never enters.
 */
public final class TopHeap {
  private final int capacity;
  private final float[] score;
  private final int[] id;
  private int count;
  private int self;

  /** A heap of the best {@code capacity} scores; {@link #reset} it before each query. */
  public TopHeap(int capacity) {
    this.capacity = capacity;
    this.score = new float[capacity];
    this.id = new int[capacity];
  }

  /** Scores held. */
  public int size() {
    return count;
  }

  /** Empties the heap for a query product ({@code -1} for a query vector). */
  public void reset(int query) {
    count = 0;
    self = query;
  }

  /** The score a candidate must beat to enter. */
  public float bar() {
    return count < capacity ? Float.NEGATIVE_INFINITY : score[0];
  }

  public void offer(int product, float s) {
    if (product == self || s <= bar()) {
      return;
    }
    if (count < capacity) {
      int i = count++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (score[parent] <= s) {
          break;
        }
        score[i] = score[parent];
        id[i] = id[parent];
        i = parent;
      }
      score[i] = s;
      id[i] = product;
    } else {
      siftDown(s, product);
    }
  }

  private void siftDown(float s, int product) {
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= count) {
        break;
      }
      if (child + 1 < count && score[child + 1] < score[child]) {
        child++;
      }
      if (score[child] >= s) {
        break;
      }
      score[i] = score[child];
      id[i] = id[child];
      i = child;
    }
    score[i] = s;
    id[i] = product;
  }

  /** The heap's products best first; empties it. */
  public List<ScoredItem> drainBestFirst() {
    int n = count;
    int[] best = new int[n];
    float[] bestScores = new float[n];
    drainBestFirst(best, bestScores, 0);
    List<ScoredItem> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new ScoredItem(best[i], bestScores[i]));
    }
    return out;
  }

  /** Writes the heap best first at {@code offset} and empties it. */
  public void drainBestFirst(int[] ids, float[] scores, int offset) {
    for (int n = count; n > 0; n--) {
      ids[offset + n - 1] = id[0];
      scores[offset + n - 1] = score[0];
      float lastScore = score[count - 1];
      int lastId = id[count - 1];
      count--;
      if (count > 0) {
        siftDown(lastScore, lastId);
      }
    }
  }
}
