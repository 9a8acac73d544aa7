package dev.aisle.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeFormatTest {
  private static long parse(TimeFormat f, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return f.parse(b, 0, b.length);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "epoch-s, 1511544070, 1511544070000",
    "epoch-ms, 1659304800025, 1659304800025",
    // session-rec writes seconds with a fraction; 08:51:09.277 UTC on 2014-04-07
    "epoch-float, 1396860669.277, 1396860669277",
    "epoch-float, 1396860669.2, 1396860669200",
    "epoch-float, 1396860669, 1396860669000",
    "iso, 2026-03-01T10:15:30Z, 1772360130000",
    "iso, 2026-03-01 10:15:30, 1772360130000",
    "iso, 2026-03-01T10:15:30.5Z, 1772360130500",
    "iso, 2026-03-01T12:15:30+02:00, 1772360130000",
    "iso, 2026-03-01, 1772323200000",
    "date+offset-ms, 2016-05-09, 1462752000000",
  })
  void parses_known_timestamps(String format, String text, long expected) {
    assertThat(parse(TimeFormat.fromLabel(format), text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "epoch-s, abc", "epoch-s, ''", "epoch-ms, 12x", "epoch-float, 1.2.3",
    "iso, 2026-02-30T10:00:00Z", "iso, 2026-13-01T10:00:00Z", "iso, yesterday",
    "date+offset-ms, 2016-5-9"
  })
  void rejects_what_is_not_a_timestamp(String format, String text) {
    assertThat(parse(TimeFormat.fromLabel(format), text)).isEqualTo(TimeFormat.INVALID);
  }

  @ParameterizedTest
  @CsvSource({"0, false", "631151999999, false", "631152000000, true", "4102444799999, true",
      "4102444800000, false"})
  void plausible_times_lie_between_1990_and_2100(long millis, boolean plausible) {
    assertThat(TimeFormat.isPlausible(millis)).isEqualTo(plausible);
  }

  @Property
  void fast_iso_path_agrees_with_java_time(
      @ForAll @LongRange(min = 0, max = 4_102_444_799_999L) long millis) {
    Instant t = Instant.ofEpochMilli(millis);
    assertThat(parse(TimeFormat.ISO, t.toString())).isEqualTo(millis);
  }

  @Property
  void epoch_day_agrees_with_java_time(@ForAll @LongRange(min = -100_000, max = 100_000) long day) {
    LocalDate d = LocalDate.ofEpochDay(day);
    assertThat(TimeFormat.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
        .isEqualTo(day);
  }

  @org.junit.jupiter.api.Test
  void unknown_format_names_the_known_ones() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TimeFormat.fromLabel("unix"));
    assertThat(e).hasMessageContaining("unix").hasMessageContaining("epoch-ms");
  }
}
