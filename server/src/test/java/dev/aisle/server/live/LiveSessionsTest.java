package dev.aisle.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live sessions cut by the ingest rule, in bounded memory. */
class LiveSessionsTest {
  private static final long MIN = 60_000;
  private static final long T0 = 1_767_600_000_000L;
  /** The sessions handed on as ended, in order. */
  private final List<List<String>> ended = new ArrayList<>();

  private LiveSessions sessions(int maxCustomers, int maxEvents) {
    return new LiveSessions(Duration.ofMinutes(30), maxCustomers, maxEvents,
        (products, last) -> ended.add(products));
  }

  @Test
  void views_within_the_gap_make_one_session_oldest_first() {
    LiveSessions s = sessions(10, 10);
    s.add("c1", "P1", T0);
    s.add("c1", "P2", T0 + 29 * MIN);
    s.add("c1", "P3", T0 + 58 * MIN);
    assertThat(s.session("c1", T0 + 60 * MIN)).containsExactly("P1", "P2", "P3");
  }

  @Test
  void a_pause_longer_than_the_gap_starts_a_new_session() {
    LiveSessions s = sessions(10, 10);
    s.add("c1", "P1", T0);
    s.add("c1", "P2", T0 + 31 * MIN);
    assertThat(s.session("c1", T0 + 31 * MIN)).containsExactly("P2");
    assertThat(ended).containsExactly(List.of("P1"));
  }

  @Test
  void a_session_idle_for_longer_than_the_gap_is_gone_when_asked_and_when_expired() {
    LiveSessions s = sessions(10, 10);
    s.add("c1", "P1", T0);
    s.add("c2", "P2", T0 + 20 * MIN);
    assertThat(s.session("c1", T0 + 31 * MIN)).isEmpty();
    assertThat(s.size()).isEqualTo(2);
    assertThat(ended).isEmpty();
    assertThat(s.expire(T0 + 31 * MIN)).isEqualTo(1);
    assertThat(ended).containsExactly(List.of("P1"));
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.session("c2", T0 + 31 * MIN)).containsExactly("P2");
  }

  @Test
  void a_session_keeps_only_its_latest_max_events() {
    LiveSessions s = sessions(10, 3);
    for (int i = 1; i <= 5; i++) {
      s.add("c1", "P" + i, T0 + i * MIN);
    }
    assertThat(s.session("c1", T0 + 6 * MIN)).containsExactly("P3", "P4", "P5");
  }

  @Test
  void beyond_max_customers_the_least_recently_active_is_dropped() {
    LiveSessions s = sessions(2, 10);
    s.add("c1", "P1", T0);
    s.add("c2", "P2", T0 + MIN);
    s.session("c1", T0 + 2 * MIN); // asking counts as activity: c2 is now the eldest
    s.add("c3", "P3", T0 + 2 * MIN);
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.session("c2", T0 + 3 * MIN)).isEmpty();
    assertThat(ended).containsExactly(List.of("P2")); // dropped for memory: it counts as ended
    assertThat(s.session("c1", T0 + 3 * MIN)).containsExactly("P1");
    assertThat(s.session("c3", T0 + 3 * MIN)).containsExactly("P3");
  }

  @Test
  void a_late_event_joins_the_session_without_moving_its_clock_back() {
    LiveSessions s = sessions(10, 10);
    s.add("c1", "P1", T0 + 10 * MIN);
    s.add("c1", "P0", T0);
    assertThat(s.session("c1", T0 + 39 * MIN)).containsExactly("P1", "P0");
    assertThat(s.session("c1", T0 + 41 * MIN)).isEmpty();
  }
}
