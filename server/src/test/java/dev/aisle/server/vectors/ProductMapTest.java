package dev.aisle.server.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProductMapTest {

  /** Points spread widely along (1,1,0,0)/sqrt2, less along (0,0,1,0), hardly at all elsewhere. */
  private static float[] plantedCloud(int n, SplittableRandom random) {
    float[] rows = new float[n * 4];
    double s = Math.sqrt(0.5);
    for (int p = 0; p < n; p++) {
      double a = random.nextGaussian() * 10;
      double b = random.nextGaussian() * 3;
      rows[p * 4] = (float) (a * s + random.nextGaussian() * 0.1 + 5);
      rows[p * 4 + 1] = (float) (a * s + random.nextGaussian() * 0.1 - 2);
      rows[p * 4 + 2] = (float) (b + random.nextGaussian() * 0.1);
      rows[p * 4 + 3] = (float) (random.nextGaussian() * 0.1);
    }
    return rows;
  }

  @Test
  void first_axis_follows_the_widest_spread_and_second_the_next() {
    float[] rows = plantedCloud(2000, new SplittableRandom(7));
    ProductMap map = ProductMap.project(rows, 2000, 4);
    double s = Math.sqrt(0.5);
    double corrX = 0;
    double corrY = 0;
    double normX = 0;
    double normY = 0;
    double normA = 0;
    double normB = 0;
    for (int p = 0; p < 2000; p++) {
      double a = (rows[p * 4] - 5) * s + (rows[p * 4 + 1] + 2) * s;
      double b = rows[p * 4 + 2];
      corrX += a * map.x(p);
      corrY += b * map.y(p);
      normX += map.x(p) * map.x(p);
      normY += map.y(p) * map.y(p);
      normA += a * a;
      normB += b * b;
    }
    assertThat(Math.abs(corrX) / Math.sqrt(normX * normA)).isGreaterThan(0.999);
    assertThat(Math.abs(corrY) / Math.sqrt(normY * normB)).isGreaterThan(0.99);
    double[] explained = map.explainedVariance();
    // variances 100, 9 and 3 x 0.01: the two axes explain 100/109.03 and 9/109.03
    assertThat(explained[0]).isCloseTo(100 / 109.03, within(0.02));
    assertThat(explained[1]).isCloseTo(9 / 109.03, within(0.01));
  }

  @Test
  void the_same_vectors_give_the_same_map_and_the_extreme_point_lies_on_the_positive_side() {
    float[] rows = plantedCloud(500, new SplittableRandom(3));
    ProductMap a = ProductMap.project(rows, 500, 4);
    ProductMap b = ProductMap.project(rows.clone(), 500, 4);
    int extreme = 0;
    for (int p = 0; p < 500; p++) {
      assertThat(a.x(p)).isEqualTo(b.x(p));
      assertThat(a.y(p)).isEqualTo(b.y(p));
      if (Math.abs(a.x(p)) > Math.abs(a.x(extreme))) {
        extreme = p;
      }
    }
    assertThat(a.x(extreme)).isPositive();
  }

  @Test
  void maps_only_the_rows_asked_for_and_survives_identical_vectors() {
    float[] same = new float[10 * 3];
    java.util.Arrays.fill(same, 0.5f);
    ProductMap map = ProductMap.project(same, 6, 3);
    assertThat(map.size()).isEqualTo(6);
    for (int p = 0; p < 6; p++) {
      assertThat(map.x(p)).isZero();
      assertThat(map.y(p)).isZero();
    }
    assertThat(map.explainedVariance()).containsExactly(0, 0);
  }
}
