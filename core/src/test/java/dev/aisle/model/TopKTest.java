package dev.aisle.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TopKTest {
  @Test
  void returns_the_best_first_and_breaks_ties_by_lower_ordinal() {
    float[] scores = {0.5f, 0.9f, 0.5f, 0.1f};
    assertThat(TopK.select(scores, 3, null).stream().map(ScoredItem::product).toList())
        .containsExactly(1, 0, 2);
  }

  @Test
  void skips_excluded_products() {
    float[] scores = {0.5f, 0.9f, 0.5f};
    assertThat(TopK.select(scores, 2, p -> p == 1).stream().map(ScoredItem::product).toList())
        .containsExactly(0, 2);
  }

  @Property
  void agrees_with_a_full_sort(@ForAll @Size(min = 1, max = 60) List<@IntRange(max = 9) Integer> raw,
      @ForAll @IntRange(min = 1, max = 10) int k) {
    float[] scores = new float[raw.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = raw.get(i);
    }
    List<Integer> expected = java.util.stream.IntStream.range(0, scores.length).boxed()
        .sorted((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a])
            : Integer.compare(a, b))
        .limit(k).toList();
    assertThat(TopK.select(scores, k, null).stream().map(ScoredItem::product).toList())
        .isEqualTo(expected);
  }

  /**
   * Packed entries picked by the heap come out as select picks the scores, negative ones too:
   * ties to the lower id.
   */
  @Property
  void picks_packed_entries_as_select_picks_scores(
      @ForAll @Size(max = 300) List<@IntRange(min = -9, max = 9) Integer> raw,
      @ForAll @IntRange(min = 1, max = 40) int k) {
    float[] scores = new float[raw.size()];
    long[] packed = new long[raw.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = raw.get(i) / 8f;
      packed[i] = TopK.pack(scores[i], i);
    }
    int n = TopK.selectPacked(packed, packed.length, k);
    List<ScoredItem> picked = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      picked.add(new ScoredItem(TopK.packedId(packed[i]), TopK.packedScore(packed[i])));
    }
    assertThat(picked).isEqualTo(TopK.select(scores, k, null));
  }

  /** A packed entry keeps its score and id, and packed entries order as their scores do. */
  @Property
  void packing_keeps_the_score_and_the_order_of_any_two_scores(@ForAll float a, @ForAll float b,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int id) {
    if (Float.isNaN(a) || Float.isNaN(b)) {
      return;
    }
    assertThat(TopK.packedScore(TopK.pack(a, id))).isEqualTo(a);
    assertThat(TopK.packedId(TopK.pack(a, id))).isEqualTo(id);
    assertThat(Long.signum(Long.compare(TopK.pack(a, id), TopK.pack(b, id))))
        .as("%s vs %s", a, b).isEqualTo(Integer.signum(Float.compare(a, b)));
  }
}
