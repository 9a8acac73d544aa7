package dev.aisle.neighbours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aisle.model.ScoredItem;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every product's neighbour list and single-query scans against a plain exact search, SIMD and
 * scalar kernels alike.
 */
class ExactNeighboursTest {

  private static float[] unitVectors(int n, int dim, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n * dim];
    for (int p = 0; p < n; p++) {
      double norm = 0;
      for (int i = 0; i < dim; i++) {
        v[p * dim + i] = (float) (rng.nextDouble() * 2 - 1);
        norm += v[p * dim + i] * v[p * dim + i];
      }
      for (int i = 0; i < dim; i++) {
        v[p * dim + i] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }

  /** Sizes that fill neither a query block nor a register of products. */
  @ParameterizedTest
  @CsvSource({"1037, 64, 50", "203, 24, 10", "7, 16, 50", "1, 8, 5"})
  void lists_hold_the_exact_nearest_products_best_first(int n, int dim, int length) {
    float[] v = unitVectors(n, dim, n * 31L + dim);
    ExactNeighbours.Lists lists = ExactNeighbours.compute(NeighbourKernel.of(v, n, dim), length,
        2, ExactNeighbours.Progress.NONE);
    for (int p = 0; p < n; p++) {
      List<ScoredItem> got = new java.util.ArrayList<>();
      for (int i = 0; i < length && lists.ids()[p * length + i] >= 0; i++) {
        got.add(new ScoredItem(lists.ids()[p * length + i], lists.scores()[p * length + i]));
      }
      float[] exact = new float[n];
      for (int x = 0; x < n; x++) {
        double s = 0;
        for (int i = 0; i < dim; i++) {
          s += (double) v[p * dim + i] * v[x * dim + i];
        }
        exact[x] = x == p ? Float.NEGATIVE_INFINITY : (float) s;
      }
      float[] sorted = exact.clone();
      java.util.Arrays.sort(sorted);
      assertThat(got).hasSize(Math.min(length, n - 1));
      for (int i = 0; i < got.size(); i++) {
        ScoredItem s = got.get(i);
        assertThat(s.product()).isNotEqualTo(p);
        assertThat(s.score()).isCloseTo(exact[s.product()], within(1e-4f));
        // the i-th best exact score, so ties may swap products but never skip a better one
        assertThat(s.score()).isCloseTo(sorted[n - 1 - i], within(1e-4f));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"517, 64", "100, 20"})
  void simd_and_scalar_kernels_agree(int n, int dim) {
    float[] v = unitVectors(n, dim, 3);
    TopHeap[] simd = heaps(8, 20);
    TopHeap[] scalar = heaps(8, 20);
    new SimdNeighbourKernel(v, n, dim).scan(n - 5, 5, simd);
    new NeighbourKernel.Scalar(v, n, dim).scan(n - 5, 5, scalar);
    for (int i = 0; i < 5; i++) {
      int[] a = new int[20];
      int[] b = new int[20];
      float[] as = new float[20];
      float[] bs = new float[20];
      simd[i].drainBestFirst(a, as, 0);
      scalar[i].drainBestFirst(b, bs, 0);
      assertThat(as).containsExactly(bs, within(1e-4f));
    }
  }

  /** Tile counts that leave a remainder after the kernel's four-tile steps. */
  @ParameterizedTest
  @CsvSource({"1037, 64, 20", "203, 24, 10", "7, 16, 50"})
  void a_query_vector_gets_the_exact_best_products_from_both_kernels(int n, int dim, int k) {
    float[] v = unitVectors(n, dim, 11);
    float[] query = unitVectors(3, dim, 12);
    for (int i = 0; i < dim; i++) {
      query[i] += 0.5f * query[dim + i] + 0.25f * query[2 * dim + i];
    }
    float[] exact = new float[n];
    for (int x = 0; x < n; x++) {
      double s = 0;
      for (int i = 0; i < dim; i++) {
        s += (double) query[i] * v[x * dim + i];
      }
      exact[x] = (float) s;
    }
    float[] sorted = exact.clone();
    java.util.Arrays.sort(sorted);
    for (NeighbourKernel kernel : List.of(new SimdNeighbourKernel(v, n, dim),
        new NeighbourKernel.Scalar(v, n, dim))) {
      TopHeap heap = heaps(1, k)[0];
      kernel.scan(query, heap);
      List<ScoredItem> got = heap.drainBestFirst();
      assertThat(got).as(kernel.getClass().getSimpleName()).hasSize(Math.min(k, n));
      for (int i = 0; i < got.size(); i++) {
        assertThat(got.get(i).score()).isCloseTo(exact[got.get(i).product()], within(1e-4f));
        assertThat(got.get(i).score()).isCloseTo(sorted[n - 1 - i], within(1e-4f));
      }
    }
  }

  private static TopHeap[] heaps(int count, int capacity) {
    TopHeap[] h = new TopHeap[count];
    for (int i = 0; i < count; i++) {
      h[i] = new TopHeap(capacity);
      h[i].reset(-1);
    }
    return h;
  }
}
