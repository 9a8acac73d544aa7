package dev.aisle.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The randomized SVD recovers a matrix whose singular values and vectors are planted. */
class RandomizedSvdTest {
  /** Orthonormal columns: the Gram-Schmidt of random vectors, done here the textbook way. */
  private static double[][] orthonormal(int n, int k, SplittableRandom r) {
    double[][] q = new double[k][n];
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < n; i++) {
        q[c][i] = r.nextGaussian();
      }
      for (int p = 0; p < c; p++) {
        double d = 0;
        for (int i = 0; i < n; i++) {
          d += q[p][i] * q[c][i];
        }
        for (int i = 0; i < n; i++) {
          q[c][i] -= d * q[p][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[c][i] * q[c][i];
      }
      for (int i = 0; i < n; i++) {
        q[c][i] /= Math.sqrt(norm);
      }
    }
    return q;
  }

  /** A sparse matrix sum_c s_c u_c v_c^T whose u_c live on disjoint row blocks (so it is sparse). */
  @Test
  void recovers_planted_singular_values_and_vectors() {
    int rows = 300;
    int cols = 200;
    double[] s = {50, 20, 10, 5, 2, 1};
    SplittableRandom r = new SplittableRandom(1);
    double[][] v = orthonormal(cols, s.length, r);
    double[][] u = new double[s.length][rows];
    int block = rows / s.length;
    for (int c = 0; c < s.length; c++) { // disjoint supports: orthonormal by construction
      double norm = 0;
      for (int i = c * block; i < (c + 1) * block; i++) {
        u[c][i] = r.nextGaussian();
        norm += u[c][i] * u[c][i];
      }
      for (int i = 0; i < rows; i++) {
        u[c][i] /= Math.sqrt(norm);
      }
    }
    List<Integer> starts = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    List<Float> values = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double a = 0;
        for (int c = 0; c < s.length; c++) {
          a += s[c] * u[c][i] * v[c][j];
        }
        if (a != 0) {
          columns.add(j);
          values.add((float) a);
        }
      }
      starts.add(columns.size());
    }
    float[] vals = new float[values.size()];
    for (int x = 0; x < vals.length; x++) {
      vals[x] = values.get(x);
    }
    CsrMatrix a = CsrMatrix.of(rows, cols, starts.stream().mapToInt(Integer::intValue).toArray(),
        columns.stream().mapToInt(Integer::intValue).toArray(), vals);
    RandomizedSvd.Result svd = RandomizedSvd.compute(a, 4, 5, 2, 9, 2);
    for (int c = 0; c < 4; c++) {
      assertThat(svd.sigma()[c]).as("sigma %d", c).isCloseTo(s[c], within(1e-4 * s[c]));
      double du = 0;
      double dv = 0;
      for (int i = 0; i < rows; i++) {
        du += svd.u()[i * 4 + c] * u[c][i];
      }
      for (int j = 0; j < cols; j++) {
        dv += svd.v()[j * 4 + c] * v[c][j];
      }
      assertThat(Math.abs(du)).as("|u_%d . planted|", c).isCloseTo(1, within(1e-4));
      assertThat(du * dv).as("signs of u and v agree").isPositive();
    }
  }

  @Test
  void a_rank_deficient_matrix_still_gives_an_orthonormal_basis() {
    // a 3 x 3 matrix of rank 1, asked for rank 2 with oversampling to 3 dimensions
    CsrMatrix a = CsrMatrix.of(3, 3, new int[] {0, 1, 2, 3}, new int[] {0, 0, 0},
        new float[] {1, 2, 2});
    RandomizedSvd.Result svd = RandomizedSvd.compute(a, 2, 5, 1, 3, 1);
    assertThat(svd.sigma()[0]).isCloseTo(3, within(1e-9));
    assertThat(svd.sigma()[1]).isCloseTo(0, within(1e-6));
  }

  @Test
  void jacobi_diagonalises_a_symmetric_matrix() {
    double[] m = {4, 1, 2, 1, 3, 0, 2, 0, 5};
    double[] copy = m.clone();
    double[] vectors = new double[9];
    double[] values = RandomizedSvd.symmetricEigen(m, 3, vectors);
    for (int c = 0; c < 3; c++) { // M v = lambda v
      for (int i = 0; i < 3; i++) {
        double mv = 0;
        for (int k = 0; k < 3; k++) {
          mv += copy[i * 3 + k] * vectors[k * 3 + c];
        }
        assertThat(mv).isCloseTo(values[c] * vectors[i * 3 + c], within(1e-9));
      }
    }
    assertThat(values[0] + values[1] + values[2]).isCloseTo(12, within(1e-9));
  }

  @Test
  void a_rank_beyond_the_matrix_is_refused() {
    CsrMatrix a = CsrMatrix.of(2, 2, new int[] {0, 1, 2}, new int[] {0, 1}, new float[] {1, 1});
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> RandomizedSvd.compute(a, 3, 0, 0, 1, 1))).hasMessageContaining("rank must be in 1..2");
  }
}
