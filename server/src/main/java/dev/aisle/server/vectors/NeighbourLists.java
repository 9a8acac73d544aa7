package dev.aisle.server.vectors;

import dev.aisle.model.ScoredItem;
import dev.aisle.neighbours.ExactNeighbours;
import dev.aisle.neighbours.NeighbourKernel;
import dev.aisle.parallel.Parallel;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exact {@code length} nearest neighbours of every product of an embedding model by cosine,
 * computed once when the model is loaded, so that "customers also browsed" is a lookup.
 *
 * <p>Brute force over all pairs ({@link ExactNeighbours}: {@code n^2 * dim} multiply-adds,
 * blocked so that each pass over the product vectors serves several queries). On this project's
 * 2-core benchmark machine that beats querying Lucene's HNSW graph once per product, and the
 * lists are exact.
 *
 * <p>The lists are read through int and float buffers: arrays on the heap when just computed, views
 * of a memory-mapped {@link IndexFile} when saved beside the model ({@link SavedIndexes}).
 *
 * <p>Immutable and thread-safe once built.
 */
final class NeighbourLists {
  private final int size;
  private final int length;
  private final IntBuffer ids;
  private final FloatBuffer scores;

  private NeighbourLists(int size, int length, IntBuffer ids, FloatBuffer scores) {
    if (ids.limit() != (long) size * length || scores.limit() != (long) size * length) {
      throw new IllegalArgumentException("expected " + size + " x " + length
          + " neighbours, got " + ids.limit() + " and " + scores.limit() + " scores");
    }
    this.size = size;
    this.length = length;
    this.ids = ids;
    this.scores = scores;
  }

  /**
   * Lists computed elsewhere (e.g. by searching an HNSW graph), {@code length} per product, -1
   * past the end of a shorter one.
   */
  static NeighbourLists of(int size, int length, int[] ids, float[] scores) {
    return new NeighbourLists(size, length, IntBuffer.wrap(ids), FloatBuffer.wrap(scores));
  }

  /** Appends the lists to an index file. */
  void write(IndexFile.Writer out) {
    int[] i = new int[ids.limit()];
    float[] f = new float[scores.limit()];
    ids.get(0, i);
    scores.get(0, f);
    out.ints(i).floats(f);
  }

  /**
   * The lists {@link #write} wrote, as views of the mapped file: nothing is copied to the heap.
   *
   * @throws IndexFile.Corrupt when the arrays do not hold {@code size x length} entries
   */
  static NeighbourLists read(IndexFile.Reader in, int size, int length) {
    try {
      return new NeighbourLists(size, length, in.ints(), in.floats());
    } catch (IllegalArgumentException e) {
      throw new IndexFile.Corrupt(e.getMessage());
    }
  }

  /**
   * Computes the exact lists ({@link ExactNeighbours}).
   *
   * @param kernel scores against the unit vectors of all products
   * @param length neighbours kept per product (at most {@code size - 1} are found)
   * @param threads worker threads
   * @param progress told the products done as blocks of them finish, under {@code step}
   */
  static NeighbourLists compute(NeighbourKernel kernel, int length, int threads,
      BuildProgress progress, String step) {
    ExactNeighbours.Lists lists = ExactNeighbours.compute(kernel, length, threads,
        (done, total) -> progress.report(step, done, total));
    return of(kernel.size(), length, lists.ids(), lists.scores());
  }

  /**
   * Approximate lists from an HNSW graph: each product's vector searched in {@code ann}, the
   * product itself dropped. For catalogs too large for the brute force of {@link #compute}.
   *
   * @param candidates the search beam ({@code ef})
   */
  static NeighbourLists search(AnnIndex ann, UnitVectors unit, int length, int candidates,
      int threads, BuildProgress progress, String step) {
    int size = unit.size();
    int[] ids = new int[size * length];
    float[] scores = new float[size * length];
    Arrays.fill(ids, -1);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Parallel.run(threads, worker -> {
      for (int p = next.getAndIncrement(); p < size; p = next.getAndIncrement()) {
        int i = 0;
        for (ScoredItem s : ann.search(unit.row(p), Math.min(size, length + 1), candidates)) {
          if (s.product() != p && i < length) {
            ids[p * length + i] = s.product();
            scores[p * length + i] = s.score();
            i++;
          }
        }
        int d = done.incrementAndGet();
        if (d % 4096 == 0 || d == size) {
          progress.report(step, d, size);
        }
      }
    });
    return of(size, length, ids, scores);
  }

  /** Neighbours kept per product. */
  int length() {
    return length;
  }

  int size() {
    return size;
  }

  /** The {@code i}-th nearest product to {@code product}, or -1 past the end of its list. */
  int neighbour(int product, int i) {
    return ids.get(product * length + i);
  }

  /** Up to {@code k <= length()} nearest products to {@code product}, best first. */
  List<ScoredItem> nearest(int product, int k) {
    List<ScoredItem> out = new ArrayList<>(Math.min(k, length));
    int base = product * length;
    for (int i = 0; i < Math.min(k, length) && ids.get(base + i) >= 0; i++) {
      out.add(new ScoredItem(ids.get(base + i), scores.get(base + i)));
    }
    return out;
  }

  /** Bytes held (on the heap or mapped). */
  long bytes() {
    return 8L * ids.limit();
  }
}
