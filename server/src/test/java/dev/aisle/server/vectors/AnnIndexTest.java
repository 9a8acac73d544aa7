package dev.aisle.server.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** HNSW against exact search on clustered vectors, as product embeddings are. */
class AnnIndexTest {
  private static final int N = 20_000;
  private static final int DIM = 64;

  private static float[] clusteredUnitVectors(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int clusters = 200;
    float[][] centres = new float[clusters][DIM];
    for (float[] c : centres) {
      for (int i = 0; i < DIM; i++) {
        c[i] = (float) gaussian(rng);
      }
    }
    float[] v = new float[N * DIM];
    for (int p = 0; p < N; p++) {
      float[] c = centres[rng.nextInt(clusters)];
      double norm = 0;
      for (int i = 0; i < DIM; i++) {
        v[p * DIM + i] = c[i] + 0.6f * (float) gaussian(rng);
        norm += v[p * DIM + i] * v[p * DIM + i];
      }
      for (int i = 0; i < DIM; i++) {
        v[p * DIM + i] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }

  private static double gaussian(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  @Test
  void hnsw_finds_at_least_98_percent_of_the_exact_top_20() throws Exception {
    float[] v = clusteredUnitVectors(17);
    try (AnnIndex index = new AnnIndex(v, N, DIM, 16, 100)) {
      SplittableRandom rng = new SplittableRandom(5);
      int found = 0;
      int queries = 200;
      for (int q = 0; q < queries; q++) {
        int p = rng.nextInt(N);
        float[] query = new float[DIM];
        System.arraycopy(v, p * DIM, query, 0, DIM);
        float[] exact = new float[N];
        for (int x = 0; x < N; x++) {
          float s = 0;
          for (int i = 0; i < DIM; i++) {
            s += query[i] * v[x * DIM + i];
          }
          exact[x] = s;
        }
        Set<Integer> truth = new HashSet<>();
        for (ScoredItem s : TopK.select(exact, 20, null)) {
          truth.add(s.product());
        }
        List<ScoredItem> approx = index.search(query, 20, 100);
        for (ScoredItem s : approx) {
          found += truth.contains(s.product()) ? 1 : 0;
        }
        assertThat(approx.get(0).score()).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-3f));
      }
      double recall = found / (20.0 * queries);
      assertThat(recall).as("recall@20").isGreaterThanOrEqualTo(0.98);
    }
  }

  /**
   * A session's query blends several products (weights 1, 0.4, 0.16, ... as the exp weighting
   * gives), so it lies between clusters: the graph, searched with the wider beam the server uses
   * for sessions, still finds most of the exact top 20.
   */
  @Test
  void hnsw_finds_at_least_90_percent_of_a_session_querys_exact_top_20() throws Exception {
    float[] v = clusteredUnitVectors(23);
    try (AnnIndex index = new AnnIndex(v, N, DIM, 16, 100)) {
      SplittableRandom rng = new SplittableRandom(8);
      int found = 0;
      int queries = 200;
      for (int q = 0; q < queries; q++) {
        float[] query = new float[DIM];
        float w = 1;
        for (int i = 0; i < 5; i++, w *= 0.4f) {
          int p = rng.nextInt(N);
          for (int j = 0; j < DIM; j++) {
            query[j] += w * v[p * DIM + j];
          }
        }
        double norm = 0;
        for (float x : query) {
          norm += x * x;
        }
        for (int j = 0; j < DIM; j++) {
          query[j] /= (float) Math.sqrt(norm);
        }
        float[] exact = new float[N];
        for (int x = 0; x < N; x++) {
          float s = 0;
          for (int i = 0; i < DIM; i++) {
            s += query[i] * v[x * DIM + i];
          }
          exact[x] = s;
        }
        Set<Integer> truth = new HashSet<>();
        for (ScoredItem s : TopK.select(exact, 20, null)) {
          truth.add(s.product());
        }
        for (ScoredItem s : index.search(query, 20, 200)) {
          found += truth.contains(s.product()) ? 1 : 0;
        }
      }
      assertThat(found / (20.0 * queries)).as("recall@20").isGreaterThanOrEqualTo(0.9);
    }
  }
}
