package dev.aisle.fresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FreshIndexTest {
  @Test
  void counts_sessions_together_once_per_session_most_first() {
    FreshIndex f = new FreshIndex(10);
    f.fold(List.of("a", "new", "b", "new"), 100);
    f.fold(List.of("new", "b"), 200);
    f.fold(List.of("c", "b"), 300);
    assertThat(f.together("new", 10)).containsExactly(new FreshIndex.Together("b", 2),
        new FreshIndex.Together("a", 1));
    assertThat(f.together("b", 1)).containsExactly(new FreshIndex.Together("new", 2));
    assertThat(f.count("new")).isEqualTo(2);
    assertThat(f.count("unknown")).isZero();
    assertThat(f.together("unknown", 5)).isEmpty();
    assertThat(f.lastEventMillis()).isEqualTo(300);
    assertThat(f.folded()).isEqualTo(3);
  }

  @Test
  void keeps_only_the_most_recent_sessions() {
    FreshIndex f = new FreshIndex(2);
    f.fold(List.of("a", "b"), 1);
    f.fold(List.of("a", "c"), 2);
    f.fold(List.of("a", "d"), 3); // the first session rolls off
    assertThat(f.together("a", 10)).extracting(FreshIndex.Together::product)
        .containsExactly("d", "c");
    assertThat(f.count("b")).isZero();
    assertThat(f.count("a")).isEqualTo(2);
    assertThat(f.held()).isEqualTo(2);
    assertThat(f.folded()).isEqualTo(3);
  }

  @Test
  void a_snapshot_is_the_held_sessions_as_a_corpus_oldest_first() {
    FreshIndex f = new FreshIndex(2);
    f.fold(List.of("a", "b"), 10);
    f.fold(List.of("b", "c", "b"), 20);
    f.fold(List.of("c", "d"), 30); // the first rolls off
    FreshIndex.Snapshot s = f.snapshot();
    assertThat(s.folded()).isEqualTo(3);
    assertThat(s.corpus().sessionCount()).isEqualTo(2);
    List<String> first = new java.util.ArrayList<>();
    for (int p : s.corpus().sessionItems(0)) {
      first.add(s.corpus().products().id(p));
    }
    assertThat(first).containsExactly("b", "c");
    assertThat(s.corpus().sessionTime(1)).isEqualTo(30);
  }

  @Test
  void sessions_a_retrained_model_learned_are_dropped() {
    FreshIndex f = new FreshIndex(10);
    f.fold(List.of("a", "new"), 100);
    f.fold(List.of("b", "new"), 200);
    f.fold(List.of("c", "new"), 300);
    f.dropBefore(250);
    assertThat(f.held()).isEqualTo(1);
    assertThat(f.together("new", 10)).containsExactly(new FreshIndex.Together("c", 1));
    assertThat(f.count("a")).isZero();
    f.fold(List.of("d", "new"), 400); // and it goes on folding
    assertThat(f.count("new")).isEqualTo(2);
  }
}
