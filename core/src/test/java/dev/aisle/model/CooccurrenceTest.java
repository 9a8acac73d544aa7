package dev.aisle.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.linalg.CsrMatrix;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Co-occurrence counts on sessions small enough to count by hand. */
class CooccurrenceTest {
  @TempDir Path dir;

  private float x(Corpus c, CsrMatrix m, String a, String b) {
    return m.get(c.products().ordinal(a), c.products().ordinal(b));
  }

  @Test
  void counts_pairs_within_the_window_both_ways_weighted_by_distance() {
    Corpus c = TestShops.ofSessions(dir, "a b c", "a c", "a a b");
    CsrMatrix m = Cooccurrence.count(c, 2, true, 2);
    // a-b: 1 in the first session; 1/2 (a _ b) + 1 (a b) in the third
    assertThat(x(c, m, "a", "b")).isEqualTo(2.5f);
    assertThat(x(c, m, "b", "a")).isEqualTo(2.5f);
    // a-c: 1/2 in the first session, 1 in the second
    assertThat(x(c, m, "a", "c")).isEqualTo(1.5f);
    assertThat(x(c, m, "b", "c")).isEqualTo(1f);
    assertThat(x(c, m, "a", "a")).as("a product is not its own pair").isZero();
  }

  @Test
  void a_window_of_one_sees_neighbours_only_and_zero_the_whole_session() {
    Corpus c = TestShops.ofSessions(dir, "a b c d");
    assertThat(x(c, Cooccurrence.count(c, 1, false, 1), "a", "c")).isZero();
    assertThat(x(c, Cooccurrence.count(c, 0, false, 1), "a", "d")).isEqualTo(1f);
    assertThat(x(c, Cooccurrence.count(c, 0, true, 1), "a", "d")).isEqualTo(1f / 3);
  }
}
