package dev.aisle.model;

import java.util.Locale;

/**
 * How much each product of a session counts when a model predicts what comes next. Position
 * {@code i} of a session of length {@code n} (0 = oldest) gets weight:
 *
 * <table>
 *   <caption>Weightings</caption>
 *   <tr><th>name</th><th>weight</th><th>after</th></tr>
 *   <tr><td>{@code last}</td><td>1 for the last product, 0 otherwise</td>
 *       <td>sequential rules (session-rec's SR)</td></tr>
 *   <tr><td>{@code linear}</td><td>(i + 1) / n</td><td>V-SKNN's linear decay</td></tr>
 *   <tr><td>{@code exp}</td><td>exp((i + 1 - n) / lambda)</td><td>STAN's lambda_1</td></tr>
 *   <tr><td>{@code uniform}</td><td>1</td><td>a bag of products</td></tr>
 * </table>
 */
public enum SessionWeighting {
  LAST,
  LINEAR,
  EXP,
  UNIFORM;

  /** The weight of position {@code i} (0-based, oldest first) in a session of length {@code n}. */
  public double weight(int i, int n, double lambda) {
    switch (this) {
      case LAST:
        return i == n - 1 ? 1 : 0;
      case LINEAR:
        return (i + 1.0) / n;
      case EXP:
        return Math.exp((i + 1.0 - n) / lambda);
      case UNIFORM:
        return 1;
      default:
        throw new AssertionError(this);
    }
  }

  /** Parses {@code last}, {@code linear}, {@code exp} or {@code uniform}. */
  public static SessionWeighting fromLabel(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
