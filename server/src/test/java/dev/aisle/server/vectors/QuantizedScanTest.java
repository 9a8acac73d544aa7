package dev.aisle.server.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aisle.model.ScoredItem;
import dev.aisle.neighbours.NeighbourKernel;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The int8 scan answers exactly, in blocks of neighbours or in ordinal order alike, and its blocks
 * of similar products let it skip most of a clustered catalog.
 */
class QuantizedScanTest {

  /** Unit vectors in {@code clusters} groups around random centres, as trained embeddings are. */
  private static float[] clustered(int n, int dim, int clusters, double spread, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] centres = new float[clusters * dim];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (float) rng.nextGaussian();
    }
    float[] v = new float[n * dim];
    for (int p = 0; p < n; p++) {
      int c = rng.nextInt(clusters);
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        v[p * dim + j] = (float) (centres[c * dim + j] + spread * rng.nextGaussian());
        norm += v[p * dim + j] * v[p * dim + j];
      }
      for (int j = 0; j < dim; j++) {
        v[p * dim + j] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }

  /** A session's query: the weighted sum of a few products' unit vectors. */
  private static float[] query(float[] v, int n, int dim, SplittableRandom rng) {
    float[] q = new float[dim];
    float w = 1;
    for (int i = 0; i < 5; i++, w *= 0.4f) {
      int p = rng.nextInt(n);
      for (int j = 0; j < dim; j++) {
        q[j] += w * v[p * dim + j];
      }
    }
    return q;
  }

  private static float[] exactScores(float[] v, int n, int dim, float[] q) {
    float[] s = new float[n];
    for (int p = 0; p < n; p++) {
      double d = 0;
      for (int j = 0; j < dim; j++) {
        d += (double) q[j] * v[p * dim + j];
      }
      s[p] = (float) d;
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void answers_are_the_exact_best_products(boolean blocks) {
    int n = 20_011;
    int dim = 64;
    float[] v = clustered(n, dim, 200, 0.6, 1);
    ScanLayout layout = blocks ? ScanLayout.similar(lists(v, n, dim)) : ScanLayout.inOrder(n);
    QuantizedScan scan = QuantizedScan.of(v, n, dim, layout);
    org.junit.jupiter.api.Assumptions.assumeTrue(scan != null, "no vector module or < 8 lanes");
    SplittableRandom rng = new SplittableRandom(2);
    int queries = 200;
    for (int i = 0; i < queries; i++) {
      float[] q = query(v, n, dim, rng);
      assertExact(scan.nearest(q, 21), exactScores(v, n, dim, q), 21);
    }
  }

  @Test
  void blocks_of_neighbours_rule_out_most_of_a_tightly_clustered_catalog() {
    // products close to their cluster's centre, as trained embeddings of a shop's styles are
    int n = 20_011;
    int dim = 64;
    float[] v = clustered(n, dim, 400, 0.25, 5);
    QuantizedScan scan = QuantizedScan.of(v, n, dim, ScanLayout.similar(lists(v, n, dim)));
    org.junit.jupiter.api.Assumptions.assumeTrue(scan != null, "no vector module or < 8 lanes");
    SplittableRandom rng = new SplittableRandom(6);
    for (int i = 0; i < 100; i++) {
      float[] q = query(v, n, dim, rng);
      assertExact(scan.nearest(q, 21), exactScores(v, n, dim, q), 21);
    }
    assertThat(scan.scannedShare()).as("share of blocks scanned").isLessThan(0.5);
  }

  private static NeighbourLists lists(float[] v, int n, int dim) {
    return NeighbourLists.compute(NeighbourKernel.of(v, n, dim), 50, 2, BuildProgress.NONE,
        "test");
  }

  private static void assertExact(List<ScoredItem> got, float[] exact, int k) {
    float[] sorted = exact.clone();
    java.util.Arrays.sort(sorted);
    assertThat(got).hasSize(k);
    for (int r = 0; r < got.size(); r++) {
      assertThat(got.get(r).score()).isCloseTo(exact[got.get(r).product()], within(1e-4f));
      // the r-th best exact score: near-ties may swap products, never skip a better one
      assertThat(got.get(r).score()).isCloseTo(sorted[exact.length - 1 - r], within(1e-4f));
    }
  }

  @Test
  void a_flat_neighbourhood_is_scanned_whole_and_still_exact() {
    // every product nearly the same vector: scores differ by less than the quantisation error
    int n = 5_000;
    int dim = 32;
    float[] v = clustered(n, dim, 1, 1e-3, 3);
    QuantizedScan scan = QuantizedScan.of(v, n, dim, ScanLayout.similar(lists(v, n, dim)));
    org.junit.jupiter.api.Assumptions.assumeTrue(scan != null, "no vector module or < 8 lanes");
    float[] q = query(v, n, dim, new SplittableRandom(4));
    assertExact(scan.nearest(q, 10), exactScores(v, n, dim, q), 10);
    assertThat(scan.scannedShare()).as("no bound rules a block out").isEqualTo(1.0);
  }
}
