package dev.aisle.model;

import dev.aisle.corpus.Corpus;
import dev.aisle.linalg.CsrMatrix;
import dev.aisle.parallel.Parallel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The symmetric product co-occurrence matrix of a corpus, sparse: {@code X[a][b]} adds, for every
 * two events of one session at most {@code window} steps apart, 1 or (with distance weighting)
 * {@code 1 / steps}, as GloVe's {@code cooccur} does with {@code -symmetric 1
 * -distance-weighting 1}. Pairs of a product with itself are left out: a product is not its own
 * recommendation. What GloVe and SVD factorise.
 *
 * <pre>
 * CsrMatrix x = Cooccurrence.count(corpus, 5, true, threads);
 * </pre>
 */
public final class Cooccurrence {
  private Cooccurrence() {}

  /**
   * Counts pairs; rows are built in parallel, one product at a time.
   *
   * @param window the largest distance in events, or 0 for the whole session
   * @param distanceWeighting weigh a pair {@code d} steps apart by {@code 1 / d} instead of 1
   */
  public static CsrMatrix count(Corpus corpus, int window, boolean distanceWeighting,
      int threads) {
    if (window < 0) {
      throw new IllegalArgumentException("window must be >= 0 (0 = whole session), was "
          + window);
    }
    int n = corpus.products().size();
    EventIndex index = EventIndex.of(corpus);
    int[] eventSession = index.sessionOf();
    int[] occStart = index.start();
    int[] occ = index.events();
    int[][] rowColumns = new int[n][];
    float[][] rowValues = new float[n][];
    AtomicInteger next = new AtomicInteger();
    Parallel.run(Math.max(1, Math.min(threads, n)), worker -> {
      double[] acc = new double[n];
      boolean[] seen = new boolean[n];
      int[] touched = new int[n];
      for (int a = next.getAndIncrement(); a < n; a = next.getAndIncrement()) {
        int t = 0;
        for (int o = occStart[a]; o < occStart[a + 1]; o++) {
          int i = occ[o];
          int s = eventSession[i];
          int from = corpus.sessionStart(s);
          int to = corpus.sessionEnd(s);
          int lo = window == 0 ? from : Math.max(from, i - window);
          int hi = window == 0 ? to : Math.min(to, i + window + 1);
          for (int j = lo; j < hi; j++) {
            int b = corpus.item(j);
            if (j == i || b == a) {
              continue;
            }
            if (!seen[b]) {
              seen[b] = true;
              touched[t++] = b;
            }
            acc[b] += distanceWeighting ? 1.0 / Math.abs(j - i) : 1.0;
          }
        }
        Arrays.sort(touched, 0, t);
        int[] c = Arrays.copyOf(touched, t);
        float[] v = new float[t];
        for (int x = 0; x < t; x++) {
          v[x] = (float) acc[c[x]];
          acc[c[x]] = 0;
          seen[c[x]] = false;
        }
        rowColumns[a] = c;
        rowValues[a] = v;
      }
    });
    int[] rowStart = new int[n + 1];
    for (int a = 0; a < n; a++) {
      rowStart[a + 1] = rowStart[a] + rowColumns[a].length;
    }
    int[] columns = new int[rowStart[n]];
    float[] values = new float[rowStart[n]];
    for (int a = 0; a < n; a++) {
      System.arraycopy(rowColumns[a], 0, columns, rowStart[a], rowColumns[a].length);
      System.arraycopy(rowValues[a], 0, values, rowStart[a], rowValues[a].length);
    }
    return CsrMatrix.of(n, n, rowStart, columns, values);
  }
}
