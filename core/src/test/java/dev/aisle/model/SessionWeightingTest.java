package dev.aisle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The weight of each position of a session of four, worked out from the table in the javadoc. */
class SessionWeightingTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "last,    0,    0,    0,    1",
      "linear,  0.25, 0.5,  0.75, 1",
      "uniform, 1,    1,    1,    1",
  })
  void weighs_the_four_positions_of_a_session(String label, double w0, double w1, double w2,
      double w3) {
    SessionWeighting w = SessionWeighting.fromLabel(label);
    double[] expected = {w0, w1, w2, w3};
    for (int i = 0; i < 4; i++) {
      assertThat(w.weight(i, 4, 1.0)).as("position " + i).isCloseTo(expected[i], within(1e-12));
    }
  }

  @ParameterizedTest
  @CsvSource({"1.0", "2.0", "0.5"})
  void exp_is_one_at_the_end_and_decays_by_lambda(double lambda) {
    assertThat(SessionWeighting.EXP.weight(3, 4, lambda)).isEqualTo(1.0);
    assertThat(SessionWeighting.EXP.weight(2, 4, lambda))
        .isCloseTo(Math.exp(-1 / lambda), within(1e-12));
    assertThat(SessionWeighting.EXP.weight(0, 4, lambda))
        .isCloseTo(Math.exp(-3 / lambda), within(1e-12));
  }

  @ParameterizedTest
  @EnumSource(SessionWeighting.class)
  void a_label_reads_back_as_its_weighting(SessionWeighting w) {
    assertThat(SessionWeighting.fromLabel(w.label())).isEqualTo(w);
    assertThat(SessionWeighting.fromLabel(w.label().toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(w);
  }

  @ParameterizedTest
  @CsvSource({"1", "2", "7"})
  void the_last_product_weighs_most_in_every_weighting(int n) {
    for (SessionWeighting w : SessionWeighting.values()) {
      for (int i = 0; i < n; i++) {
        assertThat(w.weight(i, n, 1.0)).as(w + " at " + i).isLessThanOrEqualTo(w.weight(n - 1,
            n, 1.0));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void an_unknown_label_is_refused() {
    assertThrows(IllegalArgumentException.class, () -> SessionWeighting.fromLabel("square"));
  }
}
