package dev.aisle.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IsoSecondsTest {
  @Property
  void writes_what_java_time_writes(@ForAll @IntRange(min = 1990, max = 2090) int year,
      @ForAll @IntRange(min = 0, max = 364) int dayOfYear,
      @ForAll @IntRange(min = 1, max = 400) int days,
      @ForAll @LongRange(min = 0, max = 1_000_000_000L) long offset) {
    LocalDate first = LocalDate.ofYearDay(year, 1).plusDays(dayOfYear);
    IsoSeconds iso = new IsoSeconds(first, days);
    long t = first.toEpochDay() * 86_400 + offset % (days * 86_400L);
    byte[] b = new byte[IsoSeconds.LENGTH + 3];
    assertThat(iso.write(b, 3, t)).isEqualTo(3 + IsoSeconds.LENGTH);
    assertThat(new String(b, 3, IsoSeconds.LENGTH, StandardCharsets.US_ASCII))
        .isEqualTo(Instant.ofEpochSecond(t).toString());
  }

  @Test
  void refuses_times_outside_the_period() {
    IsoSeconds iso = new IsoSeconds(LocalDate.of(2026, 1, 5), 2);
    long first = LocalDate.of(2026, 1, 5).toEpochDay() * 86_400;
    byte[] b = new byte[IsoSeconds.LENGTH];
    assertThrows(ArrayIndexOutOfBoundsException.class, () -> iso.write(b, 0, first - 1));
    assertThrows(ArrayIndexOutOfBoundsException.class,
        () -> iso.write(b, 0, first + 2 * 86_400));
  }
}
