package dev.aisle.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Metrics against answers worked out by hand. */
class MetricsTest {
  private static List<ScoredItem> list(int... products) {
    return java.util.Arrays.stream(products).mapToObj(p -> new ScoredItem(p, 1f)).toList();
  }

  @Test
  void rank_counts_ties_pessimistically() {
    float[] scores = {0.9f, 0.5f, 0.5f, 0.5f, 0.1f};
    assertThat(Metrics.rank(scores, 0)).isEqualTo(1);
    // products 1, 2, 3 tie: each counts at rank 4, the worst of ranks 2..4
    assertThat(Metrics.rank(scores, 1)).isEqualTo(4);
    assertThat(Metrics.rank(scores, 3)).isEqualTo(4);
    assertThat(Metrics.rank(scores, 4)).isEqualTo(5);
    float[] allZero = new float[10];
    assertThat(Metrics.rank(allZero, 3)).isEqualTo(10);
  }

  @Test
  void served_rank_puts_a_tie_behind_the_more_popular_products_only() {
    float[] scores = {0.9f, 0.5f, 0.5f, 0.5f, 0.1f};
    assertThat(Metrics.ranks(scores, 0).served()).isEqualTo(1);
    assertThat(Metrics.ranks(scores, 1).served()).isEqualTo(2);
    assertThat(Metrics.ranks(scores, 3).served()).isEqualTo(4);
    assertThat(Metrics.ranks(scores, 4).served()).isEqualTo(5);
    assertThat(Metrics.ranks(new float[10], 3).served()).isEqualTo(4);
    assertThat(Metrics.ranks(new float[] {1, Float.NaN, 0}, 1).served()).isEqualTo(3);
  }

  /** The served rank is the product's place in the list the server answers with. */
  @Property
  void served_rank_is_the_place_in_the_served_list(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(max = 5) Integer> raw,
      @ForAll @IntRange(max = 59) int pick) {
    float[] scores = new float[raw.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = raw.get(i);
    }
    int target = pick % scores.length;
    List<Integer> served = TopK.select(scores, scores.length, null).stream()
        .map(ScoredItem::product).toList();
    int rank = Metrics.ranks(scores, target).served();
    assertThat(rank).isEqualTo(served.indexOf(target) + 1)
        .isLessThanOrEqualTo(Metrics.rank(scores, target));
  }

  @Test
  void hit_rate_mrr_and_ndcg_of_two_predictions() {
    // counts: product 0 is the most popular (10), the others 5, 5, 2, 1
    Metrics m = new Metrics(new int[] {1, 3}, new int[] {10, 5, 5, 2, 1});
    m.add(1, 1, list(2, 0, 1), new int[] {2});
    m.add(3, 3, list(4, 0, 3), new int[] {3, 1});
    var v = m.values();
    assertThat(v.get("HR@1")).isEqualTo(0.5);
    assertThat(v.get("HR@3")).isEqualTo(1.0);
    assertThat(v.get("MRR@1")).isEqualTo(0.5);
    assertThat(v.get("MRR@3")).isCloseTo((1 + 1 / 3.0) / 2, within(1e-12));
    // NDCG: 1/log2(2) = 1 and 1/log2(4) = 0.5
    assertThat(v.get("NDCG@3")).isCloseTo(0.75, within(1e-12));
    // rest of session: first list finds 1 of {2} in 3 slots, second finds 1 ({3}) of {3, 1}
    assertThat(v.get("Precision@3")).isCloseTo((1 / 3.0 + 1 / 3.0) / 2, within(1e-12));
    assertThat(v.get("Recall@3")).isCloseTo((1.0 + 0.5) / 2, within(1e-12));
    assertThat(v.get("Precision@1")).isEqualTo(0.5);
    // coverage@3: products 0..4 all appear; @1: products 2 and 4 of 5
    assertThat(v.get("coverage@3")).isEqualTo(1.0);
    assertThat(v.get("coverage@1")).isEqualTo(0.4);
    // popularity@1: (5/10 + 1/10) / 2
    assertThat(v.get("popularity@1")).isCloseTo(0.3, within(1e-6));
  }

  @Test
  void rejects_a_cut_off_below_one() {
    assertThrows(IllegalArgumentException.class, () -> new Metrics(new int[] {0}, new int[] {1}));
  }
}
