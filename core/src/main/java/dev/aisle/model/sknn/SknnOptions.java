package dev.aisle.model.sknn;

import dev.aisle.model.Params;
import dev.aisle.model.SessionWeighting;

/**
 * Options of {@link SknnModel}; names as in {@code -p name=value}, paper names in brackets.
 *
 * @param neighbours past sessions that vote ({@code k}, the papers' k)
 * @param sample most recent candidate sessions considered ({@code sample}, m)
 * @param weighting weights of the current session's positions ({@code weighting}: uniform for
 *     SKNN, linear for V-SKNN, exp for STAN)
 * @param lambda1 position decay of {@code exp} weighting ({@code lambda1}, STAN's lambda_1)
 * @param lambda2 age decay of neighbour sessions in days, 0 = off ({@code lambda2}, lambda_2)
 * @param lambda3 decay with the distance from the matched product within a neighbour, 0 = off
 *     ({@code lambda3}, lambda_3)
 * @param idf weight matches by inverse document frequency ({@code idf}, V-SKNN)
 * @param normalize divide similarity by sqrt(|s| |n|), cosine-style ({@code normalize})
 * @param forwardOnly only products after the match in a neighbour vote ({@code forward-only})
 */
public record SknnOptions(int neighbours, int sample, SessionWeighting weighting, double lambda1,
    double lambda2, double lambda3, boolean idf, boolean normalize, boolean forwardOnly) {

  public SknnOptions {
    if (neighbours < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + neighbours);
    }
    if (sample < neighbours) {
      throw new IllegalArgumentException("sample must be >= k (" + neighbours + "), was " + sample);
    }
    if (!(lambda1 > 0)) {
      throw new IllegalArgumentException("lambda1 must be > 0, was " + lambda1);
    }
    if (!(lambda2 >= 0) || !(lambda3 >= 0)) {
      throw new IllegalArgumentException("lambda2 and lambda3 must be >= 0 (0 = off), were "
          + lambda2 + " and " + lambda3);
    }
    if (weighting == SessionWeighting.LAST) {
      throw new IllegalArgumentException("weighting must be uniform, linear or exp, was last");
    }
  }

  /** Reads the options; defaults are the values tuned on the yoochoose-100k validation pair. */
  public static SknnOptions from(Params p) {
    return new SknnOptions(
        p.getInt("k", 200),
        p.getInt("sample", 2000),
        SessionWeighting.fromLabel(p.getChoice("weighting", "exp", "uniform", "linear", "exp")),
        p.getDouble("lambda1", 1.0),
        p.getDouble("lambda2", 3.0),
        p.getDouble("lambda3", 2.0),
        p.getBoolean("idf", true),
        p.getBoolean("normalize", false),
        p.getBoolean("forward-only", false));
  }
}
