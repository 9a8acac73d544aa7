package dev.aisle.linalg;

/**
 * The float kernels of the trainers and of vector queries: dot product, {@code y += g x} and an
 * Adagrad step. When the JVM runs with {@code --add-modules jdk.incubator.vector} (the {@code
 * aisle} launcher adds it) they use SIMD lanes through the Vector API; otherwise plain loops. Both give the same
 * results up to float rounding order; a given JVM setup always uses the same one, so runs stay
 * reproducible.
 */
public final class VectorMath {
  /** True when the SIMD kernels are in use. */
  public static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  /** Gradients smaller than this in magnitude are zero to {@link #adagrad}: 2^-60, about 8.7e-19. */
  static final float TINY_GRADIENT = 0x1p-60f;

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

  /**
   * One Adagrad step, with optional momentum, on {@code w[wo, wo + len)} by the gradient {@code
   * g[go, go + len)}: {@code acc += g^2; v = mu v - lr g / sqrt(acc + eps); w += v} ({@code v} is
   * the step itself when {@code mom} is null). {@code acc} and {@code mom} are indexed as {@code
   * w}. A gradient below {@link #TINY_GRADIENT} in magnitude is taken as zero: its step would be
   * below a float's precision for any weight above 1e-9, and its square would be subnormal, which
   * costs an x86 core a microcode assist of about a hundred cycles (on a 20,000-product GRU4Rec
   * most output rows' gradients are that small). The SIMD and plain versions give the same
   * floats: every operation is the same IEEE operation, in the same order, without fused
   * multiply-adds.
   */
  public static void adagrad(float[] w, float[] acc, float[] mom, int wo, float[] g, int go,
      int len, float lr, float mu, float eps) {
    if (SIMD) {
      SimdKernels.adagrad(w, acc, mom, wo, g, go, len, lr, mu, eps);
    } else {
      scalarAdagrad(w, acc, mom, wo, g, go, len, lr, mu, eps);
    }
  }

  static void scalarAdagrad(float[] w, float[] acc, float[] mom, int wo, float[] g, int go,
      int len, float lr, float mu, float eps) {
    for (int i = 0; i < len; i++) {
      float gv = Math.abs(g[go + i]) < TINY_GRADIENT ? 0f : g[go + i];
      float a = acc[wo + i] + gv * gv;
      acc[wo + i] = a;
      float v = -lr * gv / (float) Math.sqrt(a + eps);
      if (mom != null) {
        v += mu * mom[wo + i];
        mom[wo + i] = v;
      }
      w[wo + i] += v;
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
