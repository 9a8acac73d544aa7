package dev.aisle.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The Adagrad kernel: SIMD and plain loops agree to the bit, and tiny gradients do nothing. */
class VectorMathTest {

  /** Gradients of every size a trainer meets, a fifth of them far below the tiny threshold. */
  private static float[] gradients(int len, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] g = new float[len];
    for (int i = 0; i < len; i++) {
      double scale = switch (r.nextInt(5)) {
        case 0 -> 1e-30;
        case 1 -> 1e-6;
        default -> 1e-2;
      };
      g[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
    }
    return g;
  }

  private static float[] positive(int len, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[len];
    for (int i = 0; i < len; i++) {
      x[i] = (float) (r.nextDouble() * 1e-3);
    }
    return x;
  }

  @Property(tries = 200)
  void the_simd_step_is_the_plain_loops_step(@ForAll @IntRange(max = 300) int len,
      @ForAll @IntRange(max = 7) int offset, @ForAll boolean momentum, @ForAll long seed) {
    assertThat(VectorMath.SIMD).as("the tests run with jdk.incubator.vector").isTrue();
    int size = len + offset;
    float[] g = gradients(size, seed);
    float[] w1 = gradients(size, seed + 1);
    float[] acc1 = positive(size, seed + 2);
    float[] mom1 = momentum ? gradients(size, seed + 3) : null;
    float[] w2 = w1.clone();
    float[] acc2 = acc1.clone();
    float[] mom2 = momentum ? mom1.clone() : null;
    for (int step = 0; step < 3; step++) {
      VectorMath.adagrad(w1, acc1, mom1, offset, g, offset, len, 0.07f, 0.3f, 1e-6f);
      VectorMath.scalarAdagrad(w2, acc2, mom2, offset, g, offset, len, 0.07f, 0.3f, 1e-6f);
    }
    assertThat(w1).containsExactly(w2);
    assertThat(acc1).containsExactly(acc2);
    if (momentum) {
      assertThat(mom1).containsExactly(mom2);
    }
  }

  @Test
  void follows_the_update_rule_and_leaves_weights_with_a_tiny_gradient_alone() {
    float[] w = {1f, 1f, 1f, 0f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f,
        0.5f, 0.5f, 0.5f, 0.5f};
    float[] acc = new float[w.length];
    float[] g = new float[w.length];
    g[0] = 0.5f;
    g[1] = -2f;
    g[2] = 1e-20f; // below 2^-60: no step, nothing added to acc
    g[3] = -1e-20f;
    float[] before = w.clone();
    VectorMath.adagrad(w, acc, null, 0, g, 0, w.length, 0.1f, 0f, 1e-6f);
    // w -= lr g / sqrt(g^2 + eps): a first step is about lr in size, whatever g's size
    assertThat((double) w[0]).isCloseTo(1 - 0.1 * 0.5 / Math.sqrt(0.25 + 1e-6), within(1e-6));
    assertThat((double) w[1]).isCloseTo(1 + 0.1 * 2 / Math.sqrt(4 + 1e-6), within(1e-6));
    assertThat(acc[0]).isEqualTo(0.25f);
    assertThat(w[2]).isEqualTo(before[2]);
    assertThat(w[3]).isEqualTo(before[3]);
    assertThat(acc[2]).isZero();
    assertThat(acc[3]).isZero();
    for (int i = 4; i < w.length; i++) {
      assertThat(w[i]).isEqualTo(before[i]);
    }
  }
}
