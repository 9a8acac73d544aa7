package dev.aisle.server.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatisticsTest {
  @Test
  void the_delta_method_variance_matches_a_hand_computed_one() {
    // visitors (impressions, clicks): (2,1) (4,1) (2,0)
    // mx = 8/3, my = 2/3, vx = (4+16+4 - 3*(64/9))/2 = 4/3, vy = (1+1+0 - 3*(4/9))/2 = 1/3,
    // cxy = (2+4+0 - 3*(16/9))/2 = 1/3
    // var = (vy/mx^2 - 2 my cxy/mx^3 + my^2 vx/mx^4)/3
    //     = (0.046875 - 0.0234375 + 0.01171875)/3 = 0.01171875
    Statistics.Estimate e = Statistics.ratio(3, 8, 24, 2, 2, 6);
    assertThat(e.value()).isEqualTo(0.25);
    assertThat(e.variance()).isCloseTo(0.01171875, within(1e-12));
  }

  @Test
  void one_visitor_has_a_rate_but_no_interval() {
    Statistics.Estimate e = Statistics.ratio(1, 5, 25, 1, 1, 5);
    assertThat(e.value()).isEqualTo(0.2);
    assertThat(e.variance()).isNaN();
    assertThat(Statistics.difference(e, e).p()).isNaN();
    assertThat(Statistics.difference(e, e).significant()).isFalse();
  }

  @Test
  void a_difference_of_1_96_standard_errors_has_p_of_five_percent() {
    Statistics.Estimate a = new Statistics.Estimate(0.10, 0.0001);
    Statistics.Estimate b = new Statistics.Estimate(0.10 + 1.959964 * Math.sqrt(0.0002), 0.0001);
    Statistics.Difference d = Statistics.difference(a, b);
    assertThat(d.z()).isCloseTo(1.959964, within(1e-6));
    assertThat(d.p()).isCloseTo(0.05, within(1e-6));
    assertThat(d.low()).isCloseTo(0, within(1e-9));
  }

  @Test
  void shares_have_wilson_intervals_and_exact_binomial_tests() {
    // 8 of 10: Wilson 95% (0.4902, 0.9433); two-sided binomial p = 2 * P(X >= 8) = 0.109375
    Statistics.Share s = Statistics.share(8, 10);
    assertThat(s.value()).isEqualTo(0.8);
    assertThat(s.low()).isCloseTo(0.4902, within(1e-4));
    assertThat(s.high()).isCloseTo(0.9433, within(1e-4));
    assertThat(s.p()).isCloseTo(0.109375, within(1e-9));
    assertThat(s.significant()).isFalse();
    assertThat(Statistics.share(9, 10).p()).isCloseTo(0.021484375, within(1e-9));
    assertThat(Statistics.share(0, 0).p()).isNaN();
  }
}
