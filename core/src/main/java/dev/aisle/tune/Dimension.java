package dev.aisle.tune;

import java.util.List;
import java.util.Locale;

/**
 * One hyperparameter's search range: a whole or real number (on a log scale where the papers
 * search orders of magnitude) or a choice of words. A point of the unit interval maps to one
 * value, so that quasi-random points and small moves around the best point (see {@link Tuner})
 * are the same for every kind of range.
 *
 * @param name the parameter's name, as in {@code -p name=value}
 * @param low the smallest value of a numeric range
 * @param high the largest value of a numeric range
 * @param log spread a numeric range evenly in log space
 * @param whole round to whole numbers
 * @param choices the words of a choice, else empty
 */
public record Dimension(String name, double low, double high, boolean log, boolean whole,
    List<String> choices) {
  public Dimension {
    if (choices.isEmpty() && !(low <= high)) {
      throw new IllegalArgumentException(name + ": need low <= high, were " + low + ", " + high);
    }
    if (log && !(low > 0)) {
      throw new IllegalArgumentException(name + ": a log range needs low > 0, was " + low);
    }
  }

  /** Whole numbers in {@code [low, high]}. */
  static Dimension ints(String name, int low, int high, boolean log) {
    return new Dimension(name, low, high, log, true, List.of());
  }

  /** Real numbers in {@code [low, high]}. */
  static Dimension reals(String name, double low, double high, boolean log) {
    return new Dimension(name, low, high, log, false, List.of());
  }

  /** One of {@code choices}. */
  static Dimension choice(String name, String... choices) {
    return new Dimension(name, 0, 0, false, false, List.of(choices));
  }

  /** The value at {@code u} in [0, 1], as parameter text. */
  public String value(double u) {
    double x = Math.min(1, Math.max(0, u));
    if (!choices.isEmpty()) {
      return choices.get(Math.min(choices.size() - 1, (int) (x * choices.size())));
    }
    double v = log ? Math.exp(Math.log(low) + x * (Math.log(high) - Math.log(low)))
        : low + x * (high - low);
    if (whole) {
      return Long.toString(Math.round(v));
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** The range as the docs and {@code tuned.json} show it, e.g. {@code 50..500 (log)}. */
  public String describe() {
    if (!choices.isEmpty()) {
      return String.join("|", choices);
    }
    String f = whole ? "%.0f..%.0f" : "%s..%s";
    String range = whole ? String.format(Locale.ROOT, f, low, high)
        : String.format(Locale.ROOT, f, value(0), value(1));
    return log ? range + " (log)" : range;
  }
}
