package dev.aisle.linalg;

import dev.aisle.parallel.Parallel;
import java.util.Arrays;

/**
 * A sparse float matrix in compressed sparse row form: the non-zeros of row {@code i} are at
 * {@code [rowStart[i], rowStart[i + 1])} of {@code columns} and {@code values}, columns
 * ascending. Products with dense tall-and-thin matrices ({@link #multiply}) are what the
 * randomized SVD needs; nothing here ever makes the matrix dense.
 *
 * <pre>
 * CsrMatrix a = CsrMatrix.of(rows, cols, rowStart, columns, values);
 * float[] y = new float[rows * k];
 * a.multiply(x, k, y, threads); // y = A x, with x cols x k
 * </pre>
 *
 * <p>Immutable (the arrays are owned, never handed out for writing) and thread-safe.
 */
public final class CsrMatrix {
  private final int rows;
  private final int cols;
  private final int[] rowStart;
  private final int[] columns;
  private final float[] values;

  private CsrMatrix(int rows, int cols, int[] rowStart, int[] columns, float[] values) {
    this.rows = rows;
    this.cols = cols;
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
  }

  /**
   * A matrix from its arrays, which it keeps (do not change them afterwards).
   *
   * @throws IllegalArgumentException if the arrays do not describe a {@code rows x cols} matrix
   *     with ascending columns in every row
   */
  public static CsrMatrix of(int rows, int cols, int[] rowStart, int[] columns, float[] values) {
    if (rows < 0 || cols < 0 || rowStart.length != rows + 1 || rowStart[0] != 0
        || columns.length != values.length || rowStart[rows] != columns.length) {
      throw new IllegalArgumentException("row starts, columns and values do not describe a "
          + rows + " x " + cols + " matrix");
    }
    for (int i = 0; i < rows; i++) {
      if (rowStart[i + 1] < rowStart[i]) {
        throw new IllegalArgumentException("row " + i + " ends before it starts");
      }
      for (int x = rowStart[i]; x < rowStart[i + 1]; x++) {
        if (columns[x] < 0 || columns[x] >= cols || (x > rowStart[i] && columns[x] <= columns[x - 1])) {
          throw new IllegalArgumentException("row " + i + ": columns must be ascending in [0, "
              + cols + "), found " + columns[x]);
        }
      }
    }
    return new CsrMatrix(rows, cols, rowStart, columns, values);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Stored entries. */
  public int nonZeros() {
    return columns.length;
  }

  public int rowStart(int row) {
    return rowStart[row];
  }

  public int rowEnd(int row) {
    return rowStart[row + 1];
  }

  /** The column of stored entry {@code x}. */
  public int column(int x) {
    return columns[x];
  }

  /** The value of stored entry {@code x}. */
  public float value(int x) {
    return values[x];
  }

  /** The value at {@code (row, col)}, 0 when not stored (binary search in the row). */
  public float get(int row, int col) {
    int x = Arrays.binarySearch(columns, rowStart[row], rowStart[row + 1], col);
    return x >= 0 ? values[x] : 0f;
  }

  /** Sums of each row's values, in double. */
  public double[] rowSums() {
    double[] s = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int x = rowStart[i]; x < rowStart[i + 1]; x++) {
        s[i] += values[x];
      }
    }
    return s;
  }

  /** Sums of each column's values, in double. */
  public double[] columnSums() {
    double[] s = new double[cols];
    for (int x = 0; x < columns.length; x++) {
      s[columns[x]] += values[x];
    }
    return s;
  }

  /** The same sparsity with other values, e.g. a function of the counts. */
  public CsrMatrix withValues(float[] newValues) {
    if (newValues.length != values.length) {
      throw new IllegalArgumentException("need " + values.length + " values, got "
          + newValues.length);
    }
    return new CsrMatrix(rows, cols, rowStart, columns, newValues);
  }

  /** Drops stored zeros (e.g. PPMI entries clipped at 0). */
  public CsrMatrix withoutZeros() {
    int[] start = new int[rows + 1];
    int kept = 0;
    for (int x = 0; x < values.length; x++) {
      if (values[x] != 0f) {
        kept++;
      }
    }
    int[] c = new int[kept];
    float[] v = new float[kept];
    int at = 0;
    for (int i = 0; i < rows; i++) {
      for (int x = rowStart[i]; x < rowStart[i + 1]; x++) {
        if (values[x] != 0f) {
          c[at] = columns[x];
          v[at++] = values[x];
        }
      }
      start[i + 1] = at;
    }
    return new CsrMatrix(rows, cols, start, c, v);
  }

  /** The transpose, also in CSR form (a counting sort by column). */
  public CsrMatrix transpose() {
    int[] start = new int[cols + 1];
    for (int c : columns) {
      start[c + 1]++;
    }
    for (int j = 0; j < cols; j++) {
      start[j + 1] += start[j];
    }
    int[] fill = Arrays.copyOf(start, cols);
    int[] c = new int[columns.length];
    float[] v = new float[values.length];
    for (int i = 0; i < rows; i++) { // rows ascending, so each new row's columns stay sorted
      for (int x = rowStart[i]; x < rowStart[i + 1]; x++) {
        int at = fill[columns[x]]++;
        c[at] = i;
        v[at] = values[x];
      }
    }
    return new CsrMatrix(cols, rows, start, c, v);
  }

  /**
   * {@code y = A x} for a dense row-major {@code x} of {@code cols x k}; {@code y} is {@code rows
   * x k}, overwritten. Rows of A are split among {@code threads}.
   */
  public void multiply(float[] x, int k, float[] y, int threads) {
    if (x.length < (long) cols * k || y.length < (long) rows * k) {
      throw new IllegalArgumentException("need x of " + cols + " x " + k + " and y of " + rows
          + " x " + k + " floats, got " + x.length + " and " + y.length);
    }
    int t = (long) columns.length * k < 1 << 18 ? 1 : Math.min(threads, Math.max(1, rows));
    Parallel.run(t, w -> {
      int from = (int) ((long) rows * w / t);
      int to = (int) ((long) rows * (w + 1) / t);
      for (int i = from; i < to; i++) {
        Arrays.fill(y, i * k, i * k + k, 0f);
        for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
          VectorMath.axpy(values[e], x, columns[e] * k, y, i * k, k);
        }
      }
    });
  }
}
