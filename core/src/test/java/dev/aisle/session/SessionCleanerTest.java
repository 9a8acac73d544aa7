package dev.aisle.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.ingest.IngestReport;
import dev.aisle.ingest.SkipReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionCleanerTest {
  private static final long SEC = 1000L;

  /** A tiny log: event i is product[i] by customer[i] at time[i]. */
  private static List<List<Integer>> clean(CleaningOptions options, IngestReport report,
      int[] customer, int[] product, long[] time) {
    SessionList raw = SessionSplitter.byGap(customer, time, customer.length, 10,
        Duration.ofMinutes(30));
    SessionList s = new SessionCleaner(options, report).clean(raw, e -> product[e],
        e -> time[e], e -> customer[e], 100, 10);
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < s.count(); i++) {
      List<Integer> products = new ArrayList<>();
      for (int j = s.start(i); j < s.end(i); j++) {
        products.add(product[s.event(j)]);
      }
      out.add(products);
    }
    return out;
  }

  @Test
  void collapses_consecutive_repeats_only() {
    IngestReport report = new IngestReport(false);
    CleaningOptions o = new CleaningOptions(true, 1, 1, 0, 0);
    assertThat(clean(o, report, new int[] {0, 0, 0, 0}, new int[] {1, 1, 2, 1},
        new long[] {0, SEC, 2 * SEC, 3 * SEC}))
        .containsExactly(List.of(1, 2, 1));
    assertThat(report.skippedEvents()).containsEntry(SkipReason.REPEAT_COLLAPSED, 1L);
  }

  @Test
  void removes_rare_products_then_sessions_left_too_short() {
    IngestReport report = new IngestReport(false);
    CleaningOptions o = new CleaningOptions(false, 2, 2, 0, 0);
    // product 9 is seen once: removing it leaves customer 1's session with one event
    List<List<Integer>> kept = clean(o, report, new int[] {0, 0, 1, 1, 2, 2},
        new int[] {1, 2, 9, 1, 2, 1}, new long[] {0, SEC, 0, SEC, 0, SEC});
    assertThat(kept).containsExactly(List.of(1, 2), List.of(2, 1));
    assertThat(report.skippedEvents())
        .containsEntry(SkipReason.RARE_PRODUCT, 1L)
        .containsEntry(SkipReason.SHORT_SESSION, 1L);
    assertThat(report.removedSessions()).containsEntry(SkipReason.SHORT_SESSION, 1L);
  }

  @Test
  void drops_every_session_of_a_bot_customer() {
    IngestReport report = new IngestReport(false);
    int n = 80;
    int[] customer = new int[n + 2];
    int[] product = new int[n + 2];
    long[] time = new long[n + 2];
    for (int i = 0; i < n; i++) { // customer 0: 80 views in 8 seconds, then a calm session
      product[i] = i % 5;
      time[i] = i * 100L;
    }
    customer[n] = 0;
    customer[n + 1] = 0;
    time[n] = 5 * 3600 * SEC;
    time[n + 1] = 5 * 3600 * SEC + 60 * SEC;
    CleaningOptions o = new CleaningOptions(false, 1, 1, 0, 60);
    assertThat(clean(o, report, customer, product, time)).isEmpty();
    assertThat(report.removedSessions()).isEqualTo(Map.of(SkipReason.BOT, 2L));
    assertThat(report.skippedEvents()).isEqualTo(Map.of(SkipReason.BOT, (long) n + 2));
  }

  @Test
  void none_keeps_everything() {
    IngestReport report = new IngestReport(false);
    assertThat(clean(CleaningOptions.none(), report, new int[] {0, 0, 1}, new int[] {1, 1, 2},
        new long[] {0, SEC, 0})).containsExactly(List.of(1, 1), List.of(2));
    assertThat(report.skippedEvents()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"0, 1, 0, 0, min session length", "1, 0, 0, 0, min product count",
      "1, 1, -1, 0, bot max session length", "1, 1, 0, -1, bot max rate"})
  void rejects_bad_options_naming_them(int minLen, int minCount, int botLen, double botRate,
      String named) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CleaningOptions(false, minLen, minCount, botLen, botRate));
    assertThat(e).hasMessageContaining(named);
  }
}
