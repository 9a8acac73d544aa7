package dev.aisle.tune;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sharing the time left, and planning trials in a share, worked out by hand. */
class BudgetTest {
  private static final double UNKNOWN = Double.POSITIVE_INFINITY;

  @Test
  void cheap_claims_get_their_need_and_the_rest_is_split_equally() {
    // 10 fits an equal quarter (25): given; 90 left for three: 50 > 30, so 30 each
    assertThat(Budget.shares(100, new double[] {10, UNKNOWN, 50, UNKNOWN}))
        .containsExactly(10, 30, 30, 30);
  }

  @Test
  void time_nobody_needs_goes_to_the_claim_whose_cost_is_unknown() {
    assertThat(Budget.shares(100, new double[] {UNKNOWN, 20, 10})).containsExactly(70, 20, 10);
  }

  @Test
  void with_every_cost_unknown_the_shares_are_equal() {
    assertThat(Budget.shares(90, new double[] {UNKNOWN, UNKNOWN, UNKNOWN}))
        .containsExactly(30, 30, 30);
  }

  @Test
  void a_search_plans_the_trials_its_share_pays_for() {
    // 40 trials: 19 samples at 1, 7 promoted + 13 refine at 3 = 19 + 60 = 79
    assertThat(Search.cost(40, true, 1, 3)).isEqualTo(79);
    assertThat(Search.plan(40, true, 1, 3, 1000)).isEqualTo(40);
    // 10 trials: 4 samples, 2 promoted, 3 refine: 4 + 15 = 19; 11 trials: 5 + 2 + 3 -> 20
    assertThat(Search.cost(10, true, 1, 3)).isEqualTo(19);
    assertThat(Search.plan(40, true, 1, 3, 19.5)).isEqualTo(10);
    // not even one sample and its promotion: the defaults alone
    assertThat(Search.plan(40, true, 1, 3, 2)).isEqualTo(1);
  }

  @Test
  void an_algorithm_without_ranges_has_no_trials_after_its_defaults_to_pay_for() {
    assertThat(Search.cost(40, false, 1, 3)).isZero();
    assertThat(Search.plan(40, false, 1, 3, 0)).isEqualTo(40);
  }

  @Test
  void the_trials_leave_a_twentieth_of_the_budget_at_most_five_seconds_to_finish() {
    assertThat(Budget.reserve(java.time.Duration.ofMinutes(20))).hasSeconds(5);
    assertThat(Budget.reserve(java.time.Duration.ofSeconds(40))).hasSeconds(2);
  }
}
