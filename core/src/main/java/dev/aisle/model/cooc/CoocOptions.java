package dev.aisle.model.cooc;

import dev.aisle.model.Params;
import dev.aisle.model.SessionWeighting;

/**
 * Options of {@link CoocModel}, with the names used by {@code -p name=value}.
 *
 * @param window pairs at most this many positions apart count; 0 = the whole session ({@code
 *     window})
 * @param directed count only pairs where the second product comes later ({@code directed})
 * @param distanceWeighted a pair at distance d adds 1/d instead of 1 ({@code distance-weight})
 * @param score {@code count}, {@code cosine} or {@code llr} ({@code score})
 * @param top indicators kept per product ({@code top})
 * @param minCount a pair must be seen at least this often ({@code min-count})
 * @param sessionWeighting how the session's products add up for next-item scores ({@code
 *     session-weighting}: last, linear, exp, uniform)
 * @param lambda the decay of the {@code exp} session weighting ({@code lambda})
 */
public record CoocOptions(int window, boolean directed, boolean distanceWeighted, String score,
    int top, int minCount, SessionWeighting sessionWeighting, double lambda) {

  public CoocOptions {
    if (window < 0) {
      throw new IllegalArgumentException("window must be >= 0 (0 = whole session), was " + window);
    }
    if (top < 1) {
      throw new IllegalArgumentException("top must be >= 1, was " + top);
    }
    if (minCount < 1) {
      throw new IllegalArgumentException("min-count must be >= 1, was " + minCount);
    }
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be > 0, was " + lambda);
    }
  }

  /** Reads the options; defaults are the values tuned on the yoochoose-100k validation pair. */
  public static CoocOptions from(Params p) {
    return new CoocOptions(
        p.getInt("window", 10),
        p.getBoolean("directed", true),
        p.getBoolean("distance-weight", true),
        p.getChoice("score", "count", "count", "cosine", "llr"),
        p.getInt("top", 200),
        p.getInt("min-count", 1),
        SessionWeighting.fromLabel(p.getChoice("session-weighting", "last", "last", "linear",
            "exp", "uniform")),
        p.getDouble("lambda", 2.0));
  }
}
