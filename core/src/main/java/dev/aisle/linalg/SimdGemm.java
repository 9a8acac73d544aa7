package dev.aisle.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernel of {@link Gemm} in SIMD lanes: a {@code 6 x 2L} tile of C (L = lanes of the
 * widest vector the CPU has: 16 floats with AVX-512, 8 with AVX2) held in twelve vector registers
 * while it accumulates a packed 6-row panel of A times a packed {@code 2L}-column panel of B; per
 * step two vector loads, six broadcasts and twelve fused multiply-adds. Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class SimdGemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private SimdGemm() {}

  static int nr() {
    return 2 * L;
  }

  /**
   * {@code C[rows x cols] += A * B} for a packed {@code kc x 6} panel of A at {@code ao} and a
   * packed {@code kc x 2L} panel of B at {@code bo}.
   *
   * @param edge scratch of {@code 6 x 2L} floats for tiles cut by C's edge
   */
  static void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
      int rows, int cols, float[] edge) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S);
    FloatVector c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S);
    FloatVector c51 = FloatVector.zero(S);
    int a = ao;
    // B's offset is the loop variable, so that C2 can hoist the loads' bounds checks (10-15%
    // more GFLOP/s than counting p and stepping b beside it)
    for (int b = bo, end = bo + kc * 2 * L; b < end; b += 2 * L, a += 6) {
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector x = FloatVector.broadcast(S, ap[a]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      x = FloatVector.broadcast(S, ap[a + 1]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      x = FloatVector.broadcast(S, ap[a + 2]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      x = FloatVector.broadcast(S, ap[a + 3]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
      x = FloatVector.broadcast(S, ap[a + 4]);
      c40 = b0.fma(x, c40);
      c41 = b1.fma(x, c41);
      x = FloatVector.broadcast(S, ap[a + 5]);
      c50 = b0.fma(x, c50);
      c51 = b1.fma(x, c51);
    }
    if (rows == 6 && cols == 2 * L) {
      // written out, not through a helper taking the vectors: a call that C2 does not inline
      // makes it box all twelve, which cost seven times the multiply-adds on the 2-core machine
      int r1 = co + ldc;
      int r2 = r1 + ldc;
      int r3 = r2 + ldc;
      int r4 = r3 + ldc;
      int r5 = r4 + ldc;
      FloatVector.fromArray(S, c, co).add(c00).intoArray(c, co);
      FloatVector.fromArray(S, c, co + L).add(c01).intoArray(c, co + L);
      FloatVector.fromArray(S, c, r1).add(c10).intoArray(c, r1);
      FloatVector.fromArray(S, c, r1 + L).add(c11).intoArray(c, r1 + L);
      FloatVector.fromArray(S, c, r2).add(c20).intoArray(c, r2);
      FloatVector.fromArray(S, c, r2 + L).add(c21).intoArray(c, r2 + L);
      FloatVector.fromArray(S, c, r3).add(c30).intoArray(c, r3);
      FloatVector.fromArray(S, c, r3 + L).add(c31).intoArray(c, r3 + L);
      FloatVector.fromArray(S, c, r4).add(c40).intoArray(c, r4);
      FloatVector.fromArray(S, c, r4 + L).add(c41).intoArray(c, r4 + L);
      FloatVector.fromArray(S, c, r5).add(c50).intoArray(c, r5);
      FloatVector.fromArray(S, c, r5 + L).add(c51).intoArray(c, r5 + L);
      return;
    }
    int w = 2 * L;
    c00.intoArray(edge, 0);
    c01.intoArray(edge, L);
    c10.intoArray(edge, w);
    c11.intoArray(edge, w + L);
    c20.intoArray(edge, 2 * w);
    c21.intoArray(edge, 2 * w + L);
    c30.intoArray(edge, 3 * w);
    c31.intoArray(edge, 3 * w + L);
    c40.intoArray(edge, 4 * w);
    c41.intoArray(edge, 4 * w + L);
    c50.intoArray(edge, 5 * w);
    c51.intoArray(edge, 5 * w + L);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        c[co + r * ldc + j] += edge[r * w + j];
      }
    }
  }
}
