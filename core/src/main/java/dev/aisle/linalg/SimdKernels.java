package dev.aisle.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of {@link VectorMath}'s kernels, in the widest lanes the CPU offers. Loaded only
 * when the {@code jdk.incubator.vector} module is present.
 */
final class SimdKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private SimdKernels() {}

  static float dot(float[] a, int ao, float[] b, int bo, int len) {
    FloatVector acc = FloatVector.zero(SPECIES);
    int i = 0;
    int bound = SPECIES.loopBound(len);
    for (; i < bound; i += SPECIES.length()) {
      FloatVector va = FloatVector.fromArray(SPECIES, a, ao + i);
      FloatVector vb = FloatVector.fromArray(SPECIES, b, bo + i);
      acc = va.fma(vb, acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < len; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  static void axpy(float g, float[] x, int xo, float[] y, int yo, int len) {
    int i = 0;
    int bound = SPECIES.loopBound(len);
    FloatVector vg = FloatVector.broadcast(SPECIES, g);
    for (; i < bound; i += SPECIES.length()) {
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xo + i);
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yo + i);
      vx.fma(vg, vy).intoArray(y, yo + i);
    }
    for (; i < len; i++) {
      y[yo + i] += g * x[xo + i];
    }
  }

  static void adagrad(float[] w, float[] acc, float[] mom, int wo, float[] g, int go, int len,
      float lr, float mu, float eps) {
    int i = 0;
    int bound = SPECIES.loopBound(len);
    FloatVector negLr = FloatVector.broadcast(SPECIES, -lr);
    FloatVector vMu = FloatVector.broadcast(SPECIES, mu);
    FloatVector vEps = FloatVector.broadcast(SPECIES, eps);
    for (; i < bound; i += SPECIES.length()) {
      FloatVector vg = FloatVector.fromArray(SPECIES, g, go + i);
      vg = vg.blend(0f, vg.abs().lt(VectorMath.TINY_GRADIENT));
      FloatVector a = FloatVector.fromArray(SPECIES, acc, wo + i).add(vg.mul(vg));
      a.intoArray(acc, wo + i);
      FloatVector v = negLr.mul(vg).div(a.add(vEps).lanewise(VectorOperators.SQRT));
      if (mom != null) {
        v = v.add(vMu.mul(FloatVector.fromArray(SPECIES, mom, wo + i)));
        v.intoArray(mom, wo + i);
      }
      FloatVector.fromArray(SPECIES, w, wo + i).add(v).intoArray(w, wo + i);
    }
    VectorMath.scalarAdagrad(w, acc, mom, wo + i, g, go + i, len - i, lr, mu, eps);
  }
}
