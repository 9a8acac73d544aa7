package dev.aisle.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZipfTableTest {
  @ParameterizedTest
  @CsvSource({"1.0, 10", "1.0, 1", "0.0, 7", "1.3, 50"})
  void draws_ranks_with_the_zipf_probabilities(double exponent, int n) {
    ZipfTable zipf = new ZipfTable(100, exponent);
    SplittableRandom rng = new SplittableRandom(3);
    int draws = 200_000;
    int[] counts = new int[n];
    for (int i = 0; i < draws; i++) {
      counts[zipf.sample(rng, n)]++;
    }
    double total = 0;
    for (int r = 0; r < n; r++) {
      total += zipf.probability(r, n);
      assertThat((double) counts[r] / draws).as("rank %d", r)
          .isCloseTo(zipf.probability(r, n), within(0.01));
    }
    assertThat(total).isCloseTo(1.0, within(1e-9));
  }

  @ParameterizedTest
  @CsvSource({"1, 2", "2, 1"})
  void rank_one_is_half_as_likely_as_rank_zero_under_the_classic_law(int a, int b) {
    ZipfTable zipf = new ZipfTable(10, 1.0);
    double ratio = zipf.probability(a - 1, 10) / zipf.probability(b - 1, 10);
    assertThat(ratio).isCloseTo(Math.pow(2, b - a), within(1e-9));
  }
}
