package dev.aisle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SparseScoresTest {
  @Test
  void adds_up_the_scores_of_a_product_and_reads_zero_for_untouched_ones() {
    SparseScores s = new SparseScores(0);
    for (int p = 0; p < 100; p++) {
      s.add(p * 7919, 1);
      s.add(p * 7919, 0.5f);
    }
    assertThat(s.size()).isEqualTo(100);
    assertThat(s.get(7919 * 42)).isEqualTo(1.5f);
    assertThat(s.get(3)).isZero();
    assertThat(s.contains(3)).isFalse();
  }

  @Test
  void pads_with_the_most_popular_untouched_products_at_zero() {
    SparseScores s = new SparseScores(4);
    s.add(5, 2);
    s.add(1, 3);
    s.add(0, 0);
    assertThat(s.top(5, 10)).containsExactly(new ScoredItem(1, 3), new ScoredItem(5, 2),
        new ScoredItem(0, 0), new ScoredItem(2, 0), new ScoredItem(3, 0));
    assertThat(s.top(50, 4)).hasSize(4);
  }

  @Test
  void refuses_a_negative_ordinal_and_an_empty_answer() {
    SparseScores s = new SparseScores(4);
    assertThrows(IllegalArgumentException.class, () -> s.add(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> s.top(0, 10));
  }

  /** Products and scores drawn from a small range, so ties and repeats happen. */
  @Property
  void picks_what_top_k_picks_from_the_dense_array(
      @ForAll @Size(max = 80) List<@IntRange(max = 199) Integer> products,
      @ForAll @Size(max = 80) List<@IntRange(max = 5) Integer> scores,
      @ForAll @IntRange(min = 1, max = 250) int k) {
    int catalog = 200;
    float[] dense = new float[catalog];
    SparseScores sparse = new SparseScores(3);
    for (int i = 0; i < Math.min(products.size(), scores.size()); i++) {
      dense[products.get(i)] += scores.get(i) / 4f;
      sparse.add(products.get(i), scores.get(i) / 4f);
    }
    assertThat(sparse.top(k, catalog)).isEqualTo(TopK.select(dense, Math.min(k, catalog), null));
    float[] copied = new float[catalog];
    sparse.copyTo(copied);
    assertThat(copied).isEqualTo(dense);
  }

  /** A map cleared after a larger query answers the next one as a new map does. */
  @Property
  void a_cleared_map_answers_as_a_new_one(
      @ForAll @Size(max = 300) List<@IntRange(max = 999) Integer> before,
      @ForAll @Size(max = 80) List<@IntRange(max = 199) Integer> products,
      @ForAll @IntRange(min = 1, max = 50) int k) {
    SparseScores reused = new SparseScores(2);
    for (int p : before) {
      reused.add(p, 1);
    }
    reused.clear();
    assertThat(reused.size()).isZero();
    SparseScores fresh = new SparseScores(2);
    for (int i = 0; i < products.size(); i++) {
      reused.add(products.get(i), (i % 7) / 2f);
      fresh.add(products.get(i), (i % 7) / 2f);
    }
    assertThat(reused.size()).isEqualTo(fresh.size());
    assertThat(reused.top(k, 200)).isEqualTo(fresh.top(k, 200));
    for (int p = 0; p < 1000; p++) {
      assertThat(reused.get(p)).isEqualTo(fresh.get(p));
    }
  }
}
