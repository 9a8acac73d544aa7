package dev.aisle.server.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aisle.server.experiment.ArmTotals.Metric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArmTotalsTest {
  @Test
  void running_sums_give_the_rate_and_variance_of_the_visitor_totals_in_any_order() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 200;
    long[][] totals = new long[n][2];
    List<String[]> events = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      int impressions = 1 + rng.nextInt(8);
      int clicks = rng.nextInt(impressions + 1);
      totals[v][0] = impressions;
      totals[v][1] = clicks;
      for (int i = 0; i < impressions; i++) {
        events.add(new String[] {"v" + v, "i"});
      }
      for (int i = 0; i < clicks; i++) {
        events.add(new String[] {"v" + v, "c"});
      }
    }
    // clicks may come in any order after their visitor's first impression
    Collections.shuffle(events, new java.util.Random(5));
    ArmTotals arm = new ArmTotals();
    List<String> seen = new ArrayList<>();
    List<String[]> deferred = new ArrayList<>();
    for (String[] e : events) {
      if (e[1].equals("c") && !seen.contains(e[0])) {
        deferred.add(e);
        continue;
      }
      seen.add(e[0]);
      arm.add(e[0], e[1].equals("i") ? Metric.IMPRESSIONS : Metric.CLICKS);
    }
    deferred.forEach(e -> arm.add(e[0], Metric.CLICKS));
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (long[] t : totals) {
      sx += t[0];
      sy += t[1];
      sxx += t[0] * t[0];
      syy += t[1] * t[1];
      sxy += t[0] * t[1];
    }
    Statistics.Estimate want = Statistics.ratio(n, sx, sxx, sy, syy, sxy);
    Statistics.Estimate got = arm.rate(Metric.CLICKS);
    assertThat(arm.visitors()).isEqualTo(n);
    assertThat(got.value()).isCloseTo(want.value(), within(1e-12));
    assertThat(got.variance()).isCloseTo(want.variance(), within(1e-12));
  }
}
