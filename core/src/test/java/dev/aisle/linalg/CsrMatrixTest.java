package dev.aisle.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CsrMatrixTest {
  // [[1 0 2]
  //  [0 0 0]
  //  [0 3 4]]
  private final CsrMatrix a = CsrMatrix.of(3, 3, new int[] {0, 2, 2, 4}, new int[] {0, 2, 1, 2},
      new float[] {1, 2, 3, 4});

  @Test
  void multiplies_a_dense_block() {
    float[] x = {1, 10, 2, 20, 3, 30}; // 3 x 2
    float[] y = new float[6];
    a.multiply(x, 2, y, 1);
    assertThat(y).containsExactly(7, 70, 0, 0, 18, 180);
  }

  @Test
  void transposes_with_sorted_columns() {
    CsrMatrix t = a.transpose();
    assertThat(t.get(0, 0)).isEqualTo(1);
    assertThat(t.get(2, 0)).isEqualTo(2);
    assertThat(t.get(1, 2)).isEqualTo(3);
    assertThat(t.get(2, 2)).isEqualTo(4);
    assertThat(t.get(0, 2)).isZero();
    assertThat(t.rowEnd(2) - t.rowStart(2)).isEqualTo(2);
    assertThat(t.column(t.rowStart(2))).isEqualTo(0);
  }

  @Test
  void sums_and_drops_zeros() {
    assertThat(a.rowSums()).containsExactly(3, 0, 7);
    assertThat(a.columnSums()).containsExactly(1, 3, 6);
    CsrMatrix z = a.withValues(new float[] {0, 2, 0, 4}).withoutZeros();
    assertThat(z.nonZeros()).isEqualTo(2);
    assertThat(z.get(0, 2)).isEqualTo(2);
    assertThat(z.get(2, 1)).isZero();
  }

  @Test
  void unsorted_columns_are_refused_naming_the_row() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> CsrMatrix.of(1, 3,
        new int[] {0, 2}, new int[] {2, 1}, new float[] {1, 1}))).hasMessageContaining("row 0");
  }
}
