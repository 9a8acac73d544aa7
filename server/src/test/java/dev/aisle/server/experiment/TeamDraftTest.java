package dev.aisle.server.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TeamDraftTest {
  private static List<String> ranking(SplittableRandom rng, int n, int universe) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (out.size() < n) {
      String p = "p" + rng.nextInt(universe);
      if (seen.add(p)) {
        out.add(p);
      }
    }
    return out;
  }

  @Property(tries = 300)
  void teams_pick_from_their_own_ranking_in_its_order_without_repeats(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 30) int k, @ForAll @IntRange(min = 0, max = 30) int na,
      @ForAll @IntRange(min = 0, max = 30) int nb) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> a = ranking(rng, na, 40);
    List<String> b = ranking(rng, nb, 40);
    TeamDraft.Mixed<String> m = TeamDraft.interleave(a, b, k, Function.identity(),
        new SplittableRandom(seed + 1));
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    assertThat(m.items()).doesNotHaveDuplicates().hasSize(Math.min(k, union.size()));
    List<String> byA = new ArrayList<>();
    List<String> byB = new ArrayList<>();
    for (int i = 0; i < m.items().size(); i++) {
      (m.teams()[i] == 0 ? byA : byB).add(m.items().get(i));
    }
    assertThat(a).containsAll(byA);
    assertThat(b).containsAll(byB);
    // each team's picks keep its ranking's order
    assertThat(byA).isEqualTo(a.stream().filter(byA::contains).toList());
    assertThat(byB).isEqualTo(b.stream().filter(byB::contains).toList());
  }

  @Test
  void the_top_item_of_either_ranking_is_always_shown_first_or_second() {
    List<String> a = List.of("a1", "a2", "a3");
    List<String> b = List.of("b1", "b2", "b3");
    int aFirst = 0;
    for (int s = 0; s < 1000; s++) {
      TeamDraft.Mixed<String> m = TeamDraft.interleave(a, b, 4, Function.identity(),
          new SplittableRandom(s));
      assertThat(m.items().subList(0, 2)).containsExactlyInAnyOrder("a1", "b1");
      assertThat(m.items().subList(2, 4)).containsExactlyInAnyOrder("a2", "b2");
      if (m.items().get(0).equals("a1")) {
        aFirst++;
      }
    }
    assertThat(aFirst).isBetween(430, 570);
  }

  @Test
  void identical_rankings_credit_each_position_to_either_team_by_the_coin() {
    List<String> a = List.of("x", "y", "z", "w");
    int creditedA = 0;
    for (int s = 0; s < 2000; s++) {
      TeamDraft.Mixed<String> m = TeamDraft.interleave(a, a, 4, Function.identity(),
          new SplittableRandom(s));
      assertThat(m.items()).isEqualTo(a);
      creditedA += m.teams()[0] == 0 ? 1 : 0;
    }
    assertThat(creditedA).isBetween(900, 1100);
  }
}
