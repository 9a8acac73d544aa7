package dev.aisle.rank;

import dev.aisle.BadInputException;
import dev.aisle.corpus.Corpus;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.EventIndex;
import dev.aisle.parallel.Parallel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Co-visitation counts, the features that won OTTO: for each product {@code a}, how often each
 * other product came right after it ({@link #next}, directed) and how often one was browsed
 * within {@code window} events of it, before or after ({@link #near}), over the training
 * sessions. Only each product's {@code top} most frequent partners are kept, as sparse rows, so
 * memory is O(products x top) at most; the shares divide by the product's count over all its
 * partners, kept or not.
 *
 * <pre>
 * CoVisits v = CoVisits.count(corpus, 5, 100, threads);
 * float p = v.next().share(last, candidate); // P(candidate right after last), 0 if never
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param next pairs of consecutive events, {@code a} then {@code b}
 * @param near pairs at most {@code window} events apart in one session, either order
 */
record CoVisits(Rows next, Rows near) {

  /**
   * One kind of pair count: the partners of product {@code a} are {@code partners[start[a] ..
   * start[a + 1])}, ascending, with their {@code counts}; {@code total[a]} sums all of a's pairs.
   */
  record Rows(int[] start, int[] partners, int[] counts, long[] total) {
    /** How many pairs {@code (a, b)} were counted, 0 when {@code b} is not among a's kept. */
    int count(int a, int b) {
      int at = Arrays.binarySearch(partners, start[a], start[a + 1], b);
      return at >= 0 ? counts[at] : 0;
    }

    /** {@link #count} over all of {@code a}'s pairs; 0 when {@code a} has none. */
    float share(int a, int b) {
      return total[a] == 0 ? 0 : (float) ((double) count(a, b) / total[a]);
    }

    void write(BinaryWriter out) {
      out.writeVarInt(total.length);
      for (int a = 0; a < total.length; a++) {
        out.writeVarLong(total[a]);
        out.writeVarInt(start[a + 1] - start[a]);
        int previous = -1;
        for (int x = start[a]; x < start[a + 1]; x++) {
          out.writeVarInt(partners[x] - previous - 1);
          out.writeVarInt(counts[x]);
          previous = partners[x];
        }
      }
    }

    static Rows read(BinaryReader in, int products) {
      int n = in.readCount(products, "co-visited products");
      if (n != products) {
        throw new BadInputException(in.source() + ": co-visits of " + n
            + " products for a vocabulary of " + products);
      }
      int[] start = new int[n + 1];
      long[] total = new long[n];
      int[][] rowPartners = new int[n][];
      int[][] rowCounts = new int[n][];
      for (int a = 0; a < n; a++) {
        total[a] = in.readVarLong();
        int len = in.readCount(n, "co-visit partners");
        rowPartners[a] = new int[len];
        rowCounts[a] = new int[len];
        int previous = -1;
        for (int x = 0; x < len; x++) {
          previous += in.readVarInt() + 1;
          if (previous >= n) {
            throw new BadInputException(in.source() + ": co-visit partner " + previous
                + " of product " + a + " beyond the vocabulary of " + n);
          }
          rowPartners[a][x] = previous;
          rowCounts[a][x] = in.readVarInt();
        }
        start[a + 1] = start[a] + len;
      }
      return join(start, rowPartners, rowCounts, total);
    }
  }

  /**
   * Counts both kinds of pairs over {@code corpus}, one product at a time through an inverted
   * index (rows in parallel; the result does not depend on {@code threads}). A product is never
   * its own partner.
   *
   * @param window the farthest apart, in events, that {@link #near} counts
   * @param top partners kept per product and kind, the most frequent (ties: lower ordinal)
   */
  static CoVisits count(Corpus corpus, int window, int top, int threads) {
    int n = corpus.products().size();
    EventIndex index = EventIndex.of(corpus);
    int[][] nextPartners = new int[n][];
    int[][] nextCounts = new int[n][];
    long[] nextTotal = new long[n];
    int[][] nearPartners = new int[n][];
    int[][] nearCounts = new int[n][];
    long[] nearTotal = new long[n];
    AtomicInteger work = new AtomicInteger();
    Parallel.run(Math.max(1, Math.min(threads, n)), worker -> {
      Tally next = new Tally(n);
      Tally near = new Tally(n);
      for (int a = work.getAndIncrement(); a < n; a = work.getAndIncrement()) {
        for (int o = index.start()[a]; o < index.start()[a + 1]; o++) {
          int i = index.events()[o];
          int s = index.sessionOf()[i];
          int from = corpus.sessionStart(s);
          int to = corpus.sessionEnd(s);
          if (i + 1 < to) {
            next.add(corpus.item(i + 1), a);
          }
          for (int j = Math.max(from, i - window); j < Math.min(to, i + window + 1); j++) {
            near.add(corpus.item(j), a);
          }
        }
        nextTotal[a] = next.total;
        nearTotal[a] = near.total;
        nextPartners[a] = next.top(top);
        nextCounts[a] = next.countsOf(nextPartners[a]);
        nearPartners[a] = near.top(top);
        nearCounts[a] = near.countsOf(nearPartners[a]);
        next.clear();
        near.clear();
      }
    });
    return new CoVisits(rows(nextPartners, nextCounts, nextTotal),
        rows(nearPartners, nearCounts, nearTotal));
  }

  void write(BinaryWriter out) {
    next.write(out);
    near.write(out);
  }

  static CoVisits read(BinaryReader in, int products) {
    return new CoVisits(Rows.read(in, products), Rows.read(in, products));
  }

  private static Rows rows(int[][] partners, int[][] counts, long[] total) {
    int[] start = new int[total.length + 1];
    for (int a = 0; a < total.length; a++) {
      start[a + 1] = start[a] + partners[a].length;
    }
    return join(start, partners, counts, total);
  }

  private static Rows join(int[] start, int[][] rowPartners, int[][] rowCounts, long[] total) {
    int[] partners = new int[start[total.length]];
    int[] counts = new int[partners.length];
    for (int a = 0; a < total.length; a++) {
      System.arraycopy(rowPartners[a], 0, partners, start[a], rowPartners[a].length);
      System.arraycopy(rowCounts[a], 0, counts, start[a], rowCounts[a].length);
    }
    return new Rows(start, partners, counts, total);
  }

  /** One product's partner counts in a dense array, cleared through the touched list. */
  private static final class Tally {
    final int[] count;
    final int[] touched;
    int size;
    long total;

    Tally(int products) {
      count = new int[products];
      touched = new int[products];
    }

    void add(int b, int a) {
      if (b == a) {
        return;
      }
      if (count[b]++ == 0) {
        touched[size++] = b;
      }
      total++;
    }

    /** The {@code top} most counted partners, ascending by ordinal. */
    int[] top(int top) {
      Integer[] order = new Integer[size];
      for (int x = 0; x < size; x++) {
        order[x] = touched[x];
      }
      Arrays.sort(order, (x, y) -> count[x] != count[y] ? Integer.compare(count[y], count[x])
          : Integer.compare(x, y));
      int[] kept = new int[Math.min(top, size)];
      for (int x = 0; x < kept.length; x++) {
        kept[x] = order[x];
      }
      Arrays.sort(kept);
      return kept;
    }

    int[] countsOf(int[] partners) {
      int[] c = new int[partners.length];
      for (int x = 0; x < partners.length; x++) {
        c[x] = count[partners[x]];
      }
      return c;
    }

    void clear() {
      for (int x = 0; x < size; x++) {
        count[touched[x]] = 0;
      }
      size = 0;
      total = 0;
    }
  }
}
