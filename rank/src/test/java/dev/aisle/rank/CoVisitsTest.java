package dev.aisle.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisle.BadInputException;
import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.format.BinaryWriter;
import dev.aisle.format.ChecksummedFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Co-visitation counts on sessions small enough to count by hand. */
class CoVisitsTest {
  @TempDir Path dir;

  private static int p(Corpus c, String id) {
    return c.products().ordinal(id);
  }

  @Test
  void counts_next_products_in_order_and_near_ones_both_ways_within_the_window() {
    Corpus c = TestShops.ofSessions(dir, "a b c", "a c", "a a b", "c a");
    CoVisits v = CoVisits.count(c, 2, 100, 2);
    // a is followed by b (first, third session) and c (second); a a is no pair
    assertThat(v.next().count(p(c, "a"), p(c, "b"))).isEqualTo(2);
    assertThat(v.next().count(p(c, "a"), p(c, "c"))).isEqualTo(1);
    assertThat(v.next().count(p(c, "b"), p(c, "a"))).isZero();
    assertThat(v.next().share(p(c, "a"), p(c, "b"))).isEqualTo(2f / 3);
    // near a within 2: b c | c | b, b (from each a of "a a b") | c
    assertThat(v.near().count(p(c, "a"), p(c, "b"))).isEqualTo(3);
    assertThat(v.near().count(p(c, "a"), p(c, "c"))).isEqualTo(3);
    assertThat(v.near().count(p(c, "c"), p(c, "a"))).isEqualTo(3);
    assertThat(v.near().share(p(c, "a"), p(c, "c"))).isEqualTo(0.5f);
    assertThat(v.near().count(p(c, "a"), p(c, "a"))).as("not its own partner").isZero();
  }

  @Test
  void keeps_the_most_frequent_partners_but_shares_divide_by_all() {
    Corpus c = TestShops.ofSessions(dir, "a b", "a b", "a c", "a d");
    CoVisits v = CoVisits.count(c, 1, 1, 1);
    assertThat(v.next().count(p(c, "a"), p(c, "b"))).isEqualTo(2);
    assertThat(v.next().count(p(c, "a"), p(c, "c"))).as("beyond the top 1").isZero();
    assertThat(v.next().share(p(c, "a"), p(c, "b"))).isEqualTo(0.5f);
    assertThat(v.next().share(p(c, "b"), p(c, "a"))).as("b is followed by nothing").isZero();
  }

  @Test
  void reads_back_what_it_wrote_and_refuses_another_vocabulary() {
    Corpus c = TestShops.ofSessions(dir, "a b c d", "d c a", "b b a");
    CoVisits v = CoVisits.count(c, 2, 2, 1);
    BinaryWriter out = new BinaryWriter(64);
    v.write(out);
    Path file = dir.resolve("visits.bin");
    ChecksummedFile.write(file, "AISLEVIS", 1, out);
    int n = c.products().size();
    CoVisits back = CoVisits.read(ChecksummedFile.read(file, "AISLEVIS", 1, "visits").body(), n);
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        assertThat(back.next().share(a, b)).isEqualTo(v.next().share(a, b));
        assertThat(back.near().share(a, b)).isEqualTo(v.near().share(a, b));
      }
    }
    assertThatThrownBy(() -> CoVisits.read(
        ChecksummedFile.read(file, "AISLEVIS", 1, "visits").body(), n + 1))
        .isInstanceOf(BadInputException.class).hasMessageContaining("visits.bin");
  }
}
