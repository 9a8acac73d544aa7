package dev.aisle.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The blocked multiply against the textbook triple loop, in double precision. */
class GemmTest {
  private static float[] random(int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return x;
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4} accumulate={5} threads={6}")
  @CsvSource({
      "1, 1, 1, false, false, false, 1",
      "7, 5, 3, false, false, false, 1",
      "6, 32, 256, false, false, false, 1",
      "13, 37, 300, false, true, false, 1",
      "300, 70, 513, true, false, true, 2",
      "45, 301, 260, true, true, false, 2",
      "150, 2100, 19, false, false, true, 2",
      "2100, 40, 9, true, false, false, 2",
      "5, 4, 0, false, false, false, 1"})
  void equals_the_triple_loop(int m, int n, int k, boolean transA, boolean transB,
      boolean accumulate, int threads) {
    int lda = (transA ? m : k) + 3; // strides wider than the rows
    int ldb = (transB ? k : n) + 1;
    int ldc = n + 2;
    float[] a = random((transA ? k : m) * lda + 5, 1);
    float[] b = random((transB ? n : k) * ldb + 7, 2);
    float[] c = random(m * ldc + 4, 3);
    float[] before = c.clone();
    Gemm.multiply(m, n, k, a, 5, lda, transA, b, 7, ldb, transB, c, 4, ldc, accumulate,
        threads);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = accumulate ? before[4 + i * ldc + j] : 0;
        for (int p = 0; p < k; p++) {
          float av = transA ? a[5 + p * lda + i] : a[5 + i * lda + p];
          float bv = transB ? b[7 + j * ldb + p] : b[7 + p * ldb + j];
          s += (double) av * bv;
        }
        assertThat(c[4 + i * ldc + j]).as("C[%d][%d]", i, j).isCloseTo((float) s,
            within(1e-4f * (float) Math.sqrt(k + 1)));
      }
      // the padding between rows of C is never written
      for (int j = n; j < ldc && 4 + i * ldc + j < c.length; j++) {
        assertThat(c[4 + i * ldc + j]).isEqualTo(before[4 + i * ldc + j]);
      }
    }
  }

  @Test
  void an_operand_too_small_for_its_shape_is_refused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gemm.multiply(4, 4, 4, new float[15], 0, 4, false, new float[16], 0, 4, false,
            new float[16], 0, 4, false, 1));
    assertThat(e).hasMessageContaining("A: 4 x 4");
  }

  @ParameterizedTest(name = "threads={0}")
  @CsvSource({"1", "2"})
  void a_cancelled_product_stops_between_blocks(int threads) {
    int m = 300;
    int n = 3 * Gemm.NC;
    int k = 2 * Gemm.KC;
    float[] a = random(m * k, 1);
    float[] b = random(k * n, 2);
    float[] c = new float[m * n];
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    // true from the third question on: the product has started, and ends there
    assertThrows(java.util.concurrent.CancellationException.class, () -> Gemm.multiply(m, n, k,
        a, 0, k, false, b, 0, n, false, c, 0, n, false, threads,
        () -> asked.incrementAndGet() > 2));
    // one question per packed block of B and worker; it stopped well before the 6 x threads
    assertThat(asked.get()).isLessThan(3 + threads);
  }
}
