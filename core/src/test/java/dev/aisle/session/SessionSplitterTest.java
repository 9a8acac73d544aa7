package dev.aisle.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SessionSplitterTest {
  private static final long MIN = 60_000L;
  private static final Duration GAP = Duration.ofMinutes(30);

  private static List<List<Integer>> sessions(SessionList s) {
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < s.count(); i++) {
      List<Integer> events = new ArrayList<>();
      for (int j = s.start(i); j < s.end(i); j++) {
        events.add(s.event(j));
      }
      out.add(events);
    }
    return out;
  }

  @Test
  void splits_session_after_thirty_minute_pause() {
    int[] customer = {0, 0, 0};
    long[] time = {0, 10 * MIN, 41 * MIN};
    assertThat(sessions(SessionSplitter.byGap(customer, time, 3, 1, GAP)))
        .containsExactly(List.of(0, 1), List.of(2));
  }

  @Test
  void a_pause_of_exactly_the_gap_does_not_split() {
    int[] customer = {0, 0};
    long[] time = {0, 30 * MIN};
    assertThat(sessions(SessionSplitter.byGap(customer, time, 2, 1, GAP)))
        .containsExactly(List.of(0, 1));
  }

  @Test
  void sorts_unsorted_input_by_time_within_a_customer() {
    int[] customer = {0, 1, 0, 0};
    long[] time = {5 * MIN, 1 * MIN, 0, 100 * MIN};
    assertThat(sessions(SessionSplitter.byGap(customer, time, 4, 2, GAP)))
        .containsExactly(List.of(2, 0), List.of(1), List.of(3));
  }

  @Test
  void given_session_ids_are_never_split_by_time() {
    int[] session = {0, 0, 1};
    long[] time = {0, 500 * MIN, 1};
    assertThat(sessions(SessionSplitter.byKey(session, time, 3, 2)))
        .containsExactly(List.of(0, 1), List.of(2));
  }

  @Test
  void equal_times_keep_input_order() {
    int[] customer = {0, 0, 0};
    long[] time = {7, 7, 7};
    assertThat(sessions(SessionSplitter.byGap(customer, time, 3, 1, GAP)))
        .containsExactly(List.of(0, 1, 2));
  }

  @Test
  void rejects_a_gap_that_is_not_positive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SessionSplitter.byGap(new int[0], new long[0], 0, 0, Duration.ZERO));
    assertThat(e).hasMessageContaining("PT0S");
  }

  /** Events of up to 6 customers over a few hours, in random order. */
  record Log(int[] customer, long[] time) {}

  @Provide
  Arbitrary<Log> logs() {
    Arbitrary<Integer> customer = Arbitraries.integers().between(0, 5);
    Arbitrary<Long> time = Arbitraries.longs().between(0, 6 * 60 * MIN);
    return Combinators.combine(customer, time).as(Event::new).list().ofMaxSize(200)
        .map(events -> new Log(events.stream().mapToInt(Event::customer).toArray(),
            events.stream().mapToLong(Event::time).toArray()));
  }

  record Event(int customer, long time) {}

  @Property
  void every_event_lands_in_exactly_one_session(@ForAll("logs") Log log) {
    SessionList s = SessionSplitter.byGap(log.customer(), log.time(), log.customer().length, 6, GAP);
    int[] seen = new int[log.customer().length];
    for (int j = 0; j < s.eventCount(); j++) {
      seen[s.event(j)]++;
    }
    for (int count : seen) {
      assertThat(count).isEqualTo(1);
    }
    assertThat(s.eventCount()).isEqualTo(log.customer().length);
  }

  @Property
  void sessions_hold_one_customer_in_time_order_without_long_pauses(@ForAll("logs") Log log) {
    SessionList s = SessionSplitter.byGap(log.customer(), log.time(), log.customer().length, 6, GAP);
    for (int i = 0; i < s.count(); i++) {
      for (int j = s.start(i) + 1; j < s.end(i); j++) {
        int prev = s.event(j - 1);
        int cur = s.event(j);
        assertThat(log.customer()[cur]).isEqualTo(log.customer()[prev]);
        assertThat(log.time()[cur] - log.time()[prev]).isBetween(0L, GAP.toMillis());
      }
    }
  }

  @Property
  void a_customers_consecutive_sessions_are_more_than_the_gap_apart(@ForAll("logs") Log log) {
    SessionList s = SessionSplitter.byGap(log.customer(), log.time(), log.customer().length, 6, GAP);
    long[] lastEnd = new long[6];
    Arrays.fill(lastEnd, Long.MIN_VALUE);
    for (int i = 0; i < s.count(); i++) {
      int first = s.event(s.start(i));
      int c = log.customer()[first];
      if (lastEnd[c] != Long.MIN_VALUE) {
        assertThat(log.time()[first] - lastEnd[c]).isGreaterThan(GAP.toMillis());
      }
      lastEnd[c] = log.time()[s.event(s.end(i) - 1)];
    }
  }

  @Property
  void sessions_come_out_in_start_time_order(@ForAll("logs") Log log) {
    SessionList s = SessionSplitter.byGap(log.customer(), log.time(), log.customer().length, 6, GAP);
    for (int i = 1; i < s.count(); i++) {
      assertThat(log.time()[s.event(s.start(i))])
          .isGreaterThanOrEqualTo(log.time()[s.event(s.start(i - 1))]);
    }
  }
}
