package dev.aisle.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aisle.eval.NextKinds.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NextKindsTest {
  @Test
  void the_last_product_again_is_a_repeat_an_older_one_earlier_and_the_rest_new() {
    assertThat(Kind.of(new int[] {1, 2, 3}, 3)).isEqualTo(Kind.REPEAT);
    assertThat(Kind.of(new int[] {3, 2, 3}, 3)).as("last, though also earlier")
        .isEqualTo(Kind.REPEAT);
    assertThat(Kind.of(new int[] {1, 2, 3}, 1)).isEqualTo(Kind.EARLIER);
    assertThat(Kind.of(new int[] {1, 2, 3}, 4)).isEqualTo(Kind.NEW);
    assertThat(Kind.of(new int[] {7}, 7)).isEqualTo(Kind.REPEAT);
  }

  @Test
  void each_kind_has_its_share_and_its_own_hit_rate_and_reciprocal_rank() {
    NextKinds kinds = new NextKinds(5);
    kinds.add(new int[] {1, 2}, 2, 1); // repeat, first
    kinds.add(new int[] {1, 2}, 2, 4); // repeat, fourth
    kinds.add(new int[] {1, 2}, 1, 2); // earlier, second
    kinds.add(new int[] {1, 2}, 9, 6); // new, beyond the cut-off
    Map<String, Map<String, Double>> v = kinds.values();
    assertThat(v.keySet()).containsExactly("repeat", "earlier", "new");
    assertThat(v.get("repeat")).containsEntry("share", 0.5).containsEntry("HR@5", 1.0);
    assertThat(v.get("repeat").get("MRR@5")).isCloseTo((1 + 0.25) / 2, within(1e-12));
    assertThat(v.get("earlier")).containsEntry("share", 0.25).containsEntry("MRR@5", 0.5);
    assertThat(v.get("new")).containsEntry("HR@5", 0.0).containsEntry("MRR@5", 0.0);
  }

  @Test
  void a_kind_without_predictions_scores_zero_and_a_bad_cut_off_is_refused() {
    NextKinds kinds = new NextKinds(20);
    kinds.add(new int[] {1}, 2, 1);
    assertThat(kinds.values().get("repeat")).containsEntry("share", 0.0)
        .containsEntry("HR@20", 0.0);
    assertThatThrownBy(() -> new NextKinds(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be >= 1");
  }
}
