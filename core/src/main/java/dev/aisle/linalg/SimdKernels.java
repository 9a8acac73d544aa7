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
}
