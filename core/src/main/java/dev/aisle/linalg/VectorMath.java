package dev.aisle.linalg;

/**
 * The float kernels of the trainers and of vector queries: dot product and {@code y += g x}.
 * When the JVM runs with {@code --add-modules jdk.incubator.vector} (the {@code aisle} launcher
 * adds it) they use SIMD lanes through the Vector API; otherwise plain loops. Both give the same
 * results up to float rounding order; a given JVM setup always uses the same one, so runs stay
 * reproducible.
 */
public final class VectorMath {
  /** True when the SIMD kernels are in use. */
  public static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private VectorMath() {}

  public static float dot(float[] a, int ao, float[] b, int bo, int len) {
    return SIMD ? SimdKernels.dot(a, ao, b, bo, len) : scalarDot(a, ao, b, bo, len);
  }

  public static void axpy(float g, float[] x, int xo, float[] y, int yo, int len) {
    if (SIMD) {
      SimdKernels.axpy(g, x, xo, y, yo, len);
    } else {
      for (int i = 0; i < len; i++) {
        y[yo + i] += g * x[xo + i];
      }
    }
  }

  /** Dot product with four accumulators, so the CPU can overlap the multiplies. */
  public static float scalarDot(float[] a, int ao, float[] b, int bo, int len) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < len; i += 4) {
      s0 += a[ao + i] * b[bo + i];
      s1 += a[ao + i + 1] * b[bo + i + 1];
      s2 += a[ao + i + 2] * b[bo + i + 2];
      s3 += a[ao + i + 3] * b[bo + i + 3];
    }
    for (; i < len; i++) {
      s0 += a[ao + i] * b[bo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
