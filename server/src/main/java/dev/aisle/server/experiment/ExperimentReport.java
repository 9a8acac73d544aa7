package dev.aisle.server.experiment;

import dev.aisle.server.experiment.ArmTotals.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One experiment as {@code GET /api/experiments} shows it. A split: per arm its visitors,
 * impressions, clicks, carts and purchases, the click-through rate (clicks per impression) and
 * carts and purchases per 1,000 impressions, each with its 95% interval; and every arm after
 * the first compared with the first (the control) by {@link Statistics#difference}, once both have
 * {@value #MIN_VISITORS} visitors. An
 * interleaving: clicks, carts and purchases credited to each model, the second model's share of
 * the credited clicks, and the share of lists it won among those with a preference, each with
 * its Wilson interval and exact binomial test. {@code "better"} names the model that is
 * significantly better on clicks, or is null.
 */
final class ExperimentReport {
  /**
   * Visitors each arm of a split needs before its difference is tested: the delta method's
   * normal approximation is poor below (a few visitors with long sessions swing the rate).
   */
  static final int MIN_VISITORS = 30;

  private static final String SPLIT_TEST = "two-sided z-test on the difference of the rates; "
      + "variances by the delta method over visitors, the unit of randomisation (Deng et al., "
      + "KDD 2018); 95% intervals; tested once each arm has " + MIN_VISITORS + " visitors";
  private static final String INTERLEAVE_TEST = "two-sided exact binomial test of the share "
      + "against 1/2, Wilson score 95% interval; a list is won by the model with more credited "
      + "clicks in it (team draft, Radlinski et al., CIKM 2008)";

  private ExperimentReport() {}

  static Map<String, Object> of(ExperimentSpec spec, boolean ended, boolean isDefault,
      ArmTotals[] arms, InterleaveTotals mixed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", spec.name());
    out.put("mode", spec.mode().label());
    out.put("definition", spec.definition());
    out.put("status", ended ? "ended" : "running");
    out.put("default", isDefault);
    if (spec.mode() == ExperimentSpec.Mode.SPLIT) {
      split(spec, arms, out);
    } else {
      interleave(spec, mixed, out);
    }
    return out;
  }

  private static void split(ExperimentSpec spec, ArmTotals[] arms, Map<String, Object> out) {
    List<Object> variants = new ArrayList<>();
    for (int i = 0; i < arms.length; i++) {
      ArmTotals a = arms[i];
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("model", spec.arms().get(i).model());
      v.put("weight", spec.arms().get(i).weight());
      v.put("visitors", a.visitors());
      v.put("impressions", a.count(Metric.IMPRESSIONS));
      v.put("clicks", a.count(Metric.CLICKS));
      v.put("carts", a.count(Metric.CARTS));
      v.put("purchases", a.count(Metric.PURCHASES));
      v.put("ctr", estimate(a.rate(Metric.CLICKS), 1));
      v.put("cartsPer1000", estimate(a.rate(Metric.CARTS), 1000));
      v.put("purchasesPer1000", estimate(a.rate(Metric.PURCHASES), 1000));
      variants.add(v);
    }
    out.put("variants", variants);
    List<Object> comparisons = new ArrayList<>();
    String better = null;
    for (int i = 1; i < arms.length; i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("control", spec.arms().get(0).model());
      c.put("treatment", spec.arms().get(i).model());
      boolean enough = arms[0].visitors() >= MIN_VISITORS && arms[i].visitors() >= MIN_VISITORS;
      c.put("tested", enough);
      Statistics.Difference ctr = compare(arms[0], arms[i], Metric.CLICKS, enough);
      c.put("ctr", difference(ctr, 1));
      c.put("cartsPer1000", difference(compare(arms[0], arms[i], Metric.CARTS, enough), 1000));
      c.put("purchasesPer1000", difference(compare(arms[0], arms[i], Metric.PURCHASES, enough),
          1000));
      comparisons.add(c);
      if (arms.length == 2 && ctr.significant()) {
        better = ctr.value() > 0 ? spec.arms().get(1).model() : spec.arms().get(0).model();
      }
    }
    out.put("comparisons", comparisons);
    out.put("test", SPLIT_TEST);
    out.put("better", better);
  }

  /** The difference of the arms' rates, untested (no p-value) before {@code enough}. */
  private static Statistics.Difference compare(ArmTotals a, ArmTotals b, Metric m,
      boolean enough) {
    Statistics.Difference d = Statistics.difference(a.rate(m), b.rate(m));
    return enough ? d : new Statistics.Difference(d.value(), d.low(), d.high(), Double.NaN,
        Double.NaN);
  }

  private static void interleave(ExperimentSpec spec, InterleaveTotals t,
      Map<String, Object> out) {
    String a = spec.arms().get(0).model();
    String b = spec.arms().get(1).model();
    out.put("models", List.of(a, b));
    out.put("impressions", t.impressions);
    out.put("clicks", List.of(t.clicks[0], t.clicks[1]));
    out.put("carts", List.of(t.carts[0], t.carts[1]));
    out.put("purchases", List.of(t.purchases[0], t.purchases[1]));
    Statistics.Share clicks = Statistics.share(t.clicks[1], t.clicks[0] + t.clicks[1]);
    out.put("clickShare", share(b, clicks));
    Statistics.Share wins = Statistics.share(t.wins[1], t.wins[0] + t.wins[1]);
    Map<String, Object> w = share(b, wins);
    w.put("wins", List.of(t.wins[0], t.wins[1]));
    w.put("ties", t.ties);
    out.put("listsWon", w);
    out.put("test", INTERLEAVE_TEST);
    out.put("better", wins.significant() ? (wins.value() > 0.5 ? b : a) : null);
  }

  private static Map<String, Object> estimate(Statistics.Estimate e, double scale) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", number(e.value() * scale));
    m.put("low", number(e.low() * scale));
    m.put("high", number(e.high() * scale));
    return m;
  }

  private static Map<String, Object> difference(Statistics.Difference d, double scale) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("difference", number(d.value() * scale));
    m.put("low", number(d.low() * scale));
    m.put("high", number(d.high() * scale));
    m.put("z", number(d.z()));
    m.put("p", number(d.p()));
    m.put("significant", d.significant());
    return m;
  }

  private static Map<String, Object> share(String model, Statistics.Share s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model);
    m.put("of", s.n());
    m.put("value", number(s.value()));
    m.put("low", number(s.low()));
    m.put("high", number(s.high()));
    m.put("p", number(s.p()));
    m.put("significant", s.significant());
    return m;
  }

  /** NaN and infinities as null: JSON has no such numbers. */
  private static Double number(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
