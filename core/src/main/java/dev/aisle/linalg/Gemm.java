package dev.aisle.linalg;

import dev.aisle.parallel.Parallel;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Single-precision matrix multiply, {@code C = op(A) op(B)} or {@code C += op(A) op(B)}, on
 * row-major arrays, where {@code op(X)} is {@code X} or its transpose. Blocked after Goto and van
 * de Geijn ("Anatomy of High-Performance Matrix Multiplication", ACM TOMS 34(3), 2008): a
 * {@code KC x NC} block of {@code op(B)} and an {@code MC x KC} block of {@code op(A)} are packed
 * into contiguous panels sized for the L2 and L1 caches (packing also applies the transposes, so
 * no transposed copy is ever made), and a register-blocked micro-kernel multiplies an {@code MR}
 * -row panel of A with an {@code NR}-column panel of B, keeping the {@code MR x NR} tile of C in
 * SIMD registers through the Vector API ({@link SimdGemm}); plain loops without it.
 *
 * <pre>
 * // C (m x n) = A (m x k) * B^T, with B stored n x k
 * Gemm.multiply(m, n, k, a, 0, k, false, b, 0, k, true, c, 0, n, false, threads);
 * </pre>
 *
 * <p>Threads split the larger of C's two dimensions into contiguous ranges; each packs into panels
 * of its own (kept by the thread between calls), so calls are thread-safe as long as the {@code
 * C} regions of concurrent calls do not overlap. With a fixed thread count the result is
 * deterministic. A product that takes seconds (the dense network's over tens of thousands of
 * products) can be abandoned between packed blocks of B by the overload taking {@code
 * cancelled}.
 */
public final class Gemm {
  /** Depth of a packed block: a micro-panel of B ({@code KC x NR} floats) stays in L1. */
  static final int KC = 256;
  /** Rows of A packed at once: {@code MC x KC} floats stay in L2. */
  static final int MC = 144;
  /** Columns of B packed at once. */
  static final int NC = 2048;
  /** Rows of the register tile. */
  static final int MR = 6;
  /** Columns of the register tile: two SIMD vectors. */
  static final int NR = VectorMath.SIMD ? SimdGemm.nr() : 16;
  /** Below this many multiply-adds one thread does the whole product. */
  private static final long PARALLEL_THRESHOLD = 1L << 22;

  private Gemm() {}

  /**
   * {@code C = op(A) op(B)}, or {@code C += op(A) op(B)} when {@code accumulate}.
   *
   * @param m rows of {@code op(A)} and of C
   * @param n columns of {@code op(B)} and of C
   * @param k columns of {@code op(A)}, rows of {@code op(B)}
   * @param a A, row-major from {@code aOff} with row stride {@code lda}; {@code m x k}, or {@code
   *     k x m} when {@code transA}
   * @param b B, row-major from {@code bOff} with row stride {@code ldb}; {@code k x n}, or {@code
   *     n x k} when {@code transB}
   * @param c C, row-major from {@code cOff} with row stride {@code ldc}, {@code m x n}
   * @param threads threads to use, at least 1
   */
  public static void multiply(int m, int n, int k, float[] a, int aOff, int lda, boolean transA,
      float[] b, int bOff, int ldb, boolean transB, float[] c, int cOff, int ldc,
      boolean accumulate, int threads) {
    multiply(m, n, k, a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, accumulate,
        threads, null);
  }

  /**
   * As {@link #multiply(int, int, int, float[], int, int, boolean, float[], int, int, boolean,
   * float[], int, int, boolean, int)}, asking {@code cancelled} before every packed {@code KC x
   * NC} block of B (about {@code m x 0.5M} multiply-adds): true abandons the product, leaving C
   * partly written.
   *
   * @param cancelled asked by every worker; null for never
   * @throws CancellationException when {@code cancelled} said so
   */
  public static void multiply(int m, int n, int k, float[] a, int aOff, int lda, boolean transA,
      float[] b, int bOff, int ldb, boolean transB, float[] c, int cOff, int ldc,
      boolean accumulate, int threads, BooleanSupplier cancelled) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("negative dimension: " + m + " x " + n + " x " + k);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    checkBounds("A", a, aOff, lda, transA ? k : m, transA ? m : k);
    checkBounds("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
    checkBounds("C", c, cOff, ldc, m, n);
    if (m == 0 || n == 0) {
      return;
    }
    Operands o = new Operands(k, a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc,
        accumulate, cancelled);
    int t = (long) m * n * k < PARALLEL_THRESHOLD ? 1 : threads;
    if (t == 1) {
      o.block(0, m, 0, n);
      return;
    }
    boolean splitRows = m >= n;
    int extent = splitRows ? m : n;
    int unit = splitRows ? MR : NR;
    int units = (extent + unit - 1) / unit;
    int workers = Math.min(t, units);
    Parallel.run(workers, w -> {
      int from = (int) Math.min(extent, (long) units * w / workers * unit);
      int to = (int) Math.min(extent, (long) units * (w + 1) / workers * unit);
      if (from < to) {
        if (splitRows) {
          o.block(from, to, 0, n);
        } else {
          o.block(0, m, from, to);
        }
      }
    });
  }

  private static void checkBounds(String name, float[] x, int off, int ld, int rows, int cols) {
    if (rows == 0 || cols == 0) {
      return;
    }
    if (off < 0 || ld < cols || off + (long) (rows - 1) * ld + cols > x.length) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "%s: %d x %d at offset %d with row stride %d does not fit in %d floats", name, rows,
          cols, off, ld, x.length));
    }
  }

  /**
   * A thread's packing buffers, kept between calls: packing overwrites every float a kernel then
   * reads, so they need no clearing, and a training step's dozen products allocate nothing.
   */
  private static final class Panels {
    float[] a = new float[0];
    float[] b = new float[0];
    final float[] edge = new float[MR * NR];

    /** {@code panel} if it holds {@code size} floats, else a new one that does. */
    static float[] atLeast(float[] panel, int size) {
      return panel.length >= size ? panel : new float[size];
    }
  }

  private static final ThreadLocal<Panels> PANELS = ThreadLocal.withInitial(Panels::new);

  /** The operands of one call, and the blocked loops over a block of C. */
  private record Operands(int k, float[] a, int aOff, int lda, boolean transA, float[] b,
      int bOff, int ldb, boolean transB, float[] c, int cOff, int ldc, boolean accumulate,
      BooleanSupplier cancelled) {

    /** C[m0, m1) x [n0, n1), by one thread. */
    void block(int m0, int m1, int n0, int n1) {
      if (!accumulate) {
        for (int i = m0; i < m1; i++) {
          java.util.Arrays.fill(c, cOff + i * ldc + n0, cOff + i * ldc + n1, 0f);
        }
      }
      if (k == 0) {
        return;
      }
      int depth = Math.min(KC, k);
      Panels panels = PANELS.get();
      panels.a = Panels.atLeast(panels.a, roundUp(Math.min(MC, m1 - m0), MR) * depth);
      panels.b = Panels.atLeast(panels.b, depth * Math.min(NC, roundUp(n1 - n0, NR)));
      float[] ap = panels.a;
      float[] bp = panels.b;
      float[] edge = panels.edge;
      for (int jc = n0; jc < n1; jc += NC) {
        int nc = Math.min(NC, n1 - jc);
        for (int pc = 0; pc < k; pc += KC) {
          int kc = Math.min(KC, k - pc);
          if (cancelled != null && cancelled.getAsBoolean()) {
            throw new CancellationException("matrix product cancelled");
          }
          packB(bp, pc, kc, jc, nc);
          for (int ic = m0; ic < m1; ic += MC) {
            int mc = Math.min(MC, m1 - ic);
            packA(ap, ic, mc, pc, kc);
            for (int jr = 0; jr < nc; jr += NR) {
              int cols = Math.min(NR, nc - jr);
              for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int co = cOff + (ic + ir) * ldc + jc + jr;
                if (VectorMath.SIMD) {
                  SimdGemm.kernel(kc, ap, ir * kc, bp, jr * kc, c, co, ldc, rows, cols, edge);
                } else {
                  scalarKernel(kc, ap, ir * kc, bp, jr * kc, c, co, ldc, rows, cols);
                }
              }
            }
          }
        }
      }
    }

    /** Packs op(A)[ic, ic+mc) x [pc, pc+kc) as MR-row panels, p-major, zero-padded. */
    private void packA(float[] ap, int ic, int mc, int pc, int kc) {
      for (int ir = 0; ir < mc; ir += MR) {
        int base = ir * kc;
        int rows = Math.min(MR, mc - ir);
        if (transA) { // op(A)(i, p) = a[p * lda + i]: rows of the panel are contiguous in a
          for (int p = 0; p < kc; p++) {
            int src = aOff + (pc + p) * lda + ic + ir;
            int dst = base + p * MR;
            for (int r = 0; r < rows; r++) {
              ap[dst + r] = a[src + r];
            }
            for (int r = rows; r < MR; r++) {
              ap[dst + r] = 0f;
            }
          }
        } else {
          for (int r = 0; r < MR; r++) {
            int dst = base + r;
            if (r < rows) {
              int src = aOff + (ic + ir + r) * lda + pc;
              for (int p = 0; p < kc; p++) {
                ap[dst + p * MR] = a[src + p];
              }
            } else {
              for (int p = 0; p < kc; p++) {
                ap[dst + p * MR] = 0f;
              }
            }
          }
        }
      }
    }

    /** Packs op(B)[pc, pc+kc) x [jc, jc+nc) as NR-column panels, p-major, zero-padded. */
    private void packB(float[] bp, int pc, int kc, int jc, int nc) {
      for (int jr = 0; jr < nc; jr += NR) {
        int base = jr * kc;
        int cols = Math.min(NR, nc - jr);
        if (transB) { // op(B)(p, j) = b[j * ldb + p]: a column of the panel is contiguous in b
          for (int col = 0; col < NR; col++) {
            int dst = base + col;
            if (col < cols) {
              int src = bOff + (jc + jr + col) * ldb + pc;
              for (int p = 0; p < kc; p++) {
                bp[dst + p * NR] = b[src + p];
              }
            } else {
              for (int p = 0; p < kc; p++) {
                bp[dst + p * NR] = 0f;
              }
            }
          }
        } else {
          for (int p = 0; p < kc; p++) {
            int src = bOff + (pc + p) * ldb + jc + jr;
            int dst = base + p * NR;
            System.arraycopy(b, src, bp, dst, cols);
            for (int col = cols; col < NR; col++) {
              bp[dst + col] = 0f;
            }
          }
        }
      }
    }
  }

  /** The micro-kernel in plain Java: {@code C[rows x cols] += Apanel * Bpanel}. */
  static void scalarKernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co,
      int ldc, int rows, int cols) {
    float[] acc = new float[MR * NR];
    for (int p = 0; p < kc; p++) {
      int arow = ao + p * MR;
      int brow = bo + p * NR;
      for (int r = 0; r < MR; r++) {
        float av = ap[arow + r];
        int accRow = r * NR;
        for (int j = 0; j < NR; j++) {
          acc[accRow + j] += av * bp[brow + j];
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        c[co + r * ldc + j] += acc[r * NR + j];
      }
    }
  }

  private static int roundUp(int x, int unit) {
    return (x + unit - 1) / unit * unit;
  }
}
