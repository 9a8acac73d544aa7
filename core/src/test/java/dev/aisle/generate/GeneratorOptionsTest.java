package dev.aisle.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorOptionsTest {
  static Stream<Arguments> badOptions() {
    LocalDate start = GeneratorOptions.DEFAULT_START;
    return Stream.of(
        Arguments.of(0, 10, 30, start, 5.5, "products", "0"),
        Arguments.of(-5, 10, 30, start, 5.5, "products", "-5"),
        Arguments.of(10_000_000, 10, 30, start, 5.5, "products", "10000000"),
        Arguments.of(10, 0, 30, start, 5.5, "customers", "0"),
        Arguments.of(10, 100_000_000, 30, start, 5.5, "customers", "100000000"),
        Arguments.of(10, 10, 0, start, 5.5, "days", "0"),
        Arguments.of(10, 10, 3651, start, 5.5, "days", "3651"),
        Arguments.of(10, 10, 30, LocalDate.of(1989, 12, 31), 5.5, "start", "1989-12-31"),
        Arguments.of(10, 10, 30, LocalDate.of(2099, 12, 15), 5.5, "start", "2099-12-15"),
        Arguments.of(10, 10, 30, start, 1.0, "mean session length", "1.0"),
        Arguments.of(10, 10, 30, start, Double.NaN, "mean session length", "NaN"),
        Arguments.of(10, 10, 30, start, 51.0, "mean session length", "51.0"));
  }

  @ParameterizedTest
  @MethodSource("badOptions")
  void bad_values_fail_fast_naming_the_option_and_the_value(int products, int customers,
      int days, LocalDate start, double meanLength, String option, String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GeneratorOptions(products, customers, days, 1, start, meanLength));
    assertThat(e.getMessage()).startsWith(option).contains("was " + value);
  }

  @Test
  void a_missing_start_is_refused() {
    assertThrows(NullPointerException.class,
        () -> new GeneratorOptions(10, 10, 30, 1, null, 5.5));
  }

  @Test
  void defaults_are_the_demo_shop() {
    assertThat(GeneratorOptions.DEFAULTS).isEqualTo(new GeneratorOptions(2000, 5000, 30, 42,
        LocalDate.of(2026, 1, 5), 5.5));
    assertThat(GeneratorOptions.DEFAULTS.withSeed(7).seed()).isEqualTo(7);
  }
}
