package dev.aisle.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TieBreakTest {
  @Property
  void different_scores_keep_their_order_and_equal_ones_go_by_the_second_score(
      @ForAll @Size(min = 2, max = 200) int[] levels, @ForAll @IntRange(min = 0, max = 10) int spread,
      @ForAll @Size(min = 200, max = 200) int[] seconds) {
    int n = levels.length;
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) { // a few distinct levels, as a small booster's leaves give
      scores[i] = Math.floorMod(levels[i], spread + 1) * 0.25f - 1f;
    }
    float[] before = scores.clone();
    TieBreak.apply(scores, n, i -> Math.floorMod(seconds[i], 1000));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (before[i] > before[j]) {
          assertThat(scores[i]).as("order of %s over %s", i, j).isGreaterThan(scores[j]);
        } else if (before[i] == before[j]
            && Math.floorMod(seconds[i], 1000) > Math.floorMod(seconds[j], 1000)) {
          assertThat(scores[i]).as("tie of %s and %s", i, j).isGreaterThan(scores[j]);
        }
      }
    }
  }

  @Test
  void scores_without_a_tie_are_left_exactly_as_they_are() {
    float[] scores = {0.3f, -1.2f, 5f, 0.3001f};
    float[] before = scores.clone();
    TieBreak.apply(scores, scores.length, i -> i + 1);
    assertThat(scores).isEqualTo(before);
  }

  @Test
  void all_equal_scores_come_out_in_the_second_scores_order() {
    float[] scores = new float[5];
    Arrays.fill(scores, 2.5f);
    double[] second = {0.1, 0.5, 0.3, 0, 0.2};
    TieBreak.apply(scores, 5, i -> second[i]);
    Integer[] order = {0, 1, 2, 3, 4};
    Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
    assertThat(order).containsExactly(1, 2, 4, 0, 3);
  }
}
