package dev.aisle.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.model.Params;
import dev.aisle.modelfile.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SearchSpaceTest {
  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = "RANK", mode = EnumSource.Mode.EXCLUDE)
  void every_point_of_the_search_space_is_a_setting_the_algorithm_accepts(Algorithm a) {
    QuasiRandom points = new QuasiRandom(SearchSpace.of(a).size(), 3);
    for (int i = 0; i < 200; i++) {
      a.prepare(new Params(SearchSpace.at(a, points.next())));
    }
    double[] corner = new double[SearchSpace.of(a).size()];
    a.prepare(new Params(SearchSpace.at(a, corner)));
    java.util.Arrays.fill(corner, 1);
    a.prepare(new Params(SearchSpace.at(a, corner)));
  }

  @Test
  void the_radical_inverse_mirrors_the_digits_behind_the_point() {
    assertThat(QuasiRandom.radicalInverse(1, 2)).isEqualTo(0.5);
    assertThat(QuasiRandom.radicalInverse(2, 2)).isEqualTo(0.25);
    assertThat(QuasiRandom.radicalInverse(3, 2)).isEqualTo(0.75);
    assertThat(QuasiRandom.radicalInverse(4, 3)).isCloseTo(1 / 3.0 + 1 / 9.0,
        org.assertj.core.data.Offset.offset(1e-12)); // 4 = 11 in base 3
  }

  @Test
  void log_ranges_spread_orders_of_magnitude_evenly() {
    Dimension d = Dimension.reals("sample", 1e-5, 1e-2, true);
    assertThat(d.value(0)).isEqualTo("1.000e-05");
    assertThat(Double.parseDouble(d.value(1 / 3.0))).isCloseTo(1e-4,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Dimension.ints("k", 50, 500, true).value(1)).isEqualTo("500");
    assertThat(Dimension.choice("score", "count", "cosine", "llr").value(0.99)).isEqualTo("llr");
  }
}
