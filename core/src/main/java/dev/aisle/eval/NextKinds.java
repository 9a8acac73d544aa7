package dev.aisle.eval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HR@k and MRR@k by what the next product is to the session so far: the last product again
 * ({@code repeat}, a second click on it), one browsed earlier in the session ({@code earlier}),
 * or one new to the session ({@code new}). A quarter of yoochoose's next clicks are repeats, and
 * models differ most there: one that always ranks the last product first wins the repeats and
 * gives up first place for everything else. Cf. Ren et al., "RepeatNet: a repeat aware neural
 * recommendation machine for session-based recommendation", AAAI 2019.
 *
 * <pre>
 * NextKinds kinds = new NextKinds(20);
 * kinds.add(prefix, next, rank);
 * kinds.values().get("repeat").get("MRR@20");
 * </pre>
 *
 * <p>Not thread-safe.
 */
public final class NextKinds {
  /** The kinds, in the order {@link #values} lists them. */
  public enum Kind {
    REPEAT, EARLIER, NEW;

    /** {@code repeat}, {@code earlier}, {@code new}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of {@code next} after {@code prefix} (at least one product). */
    public static Kind of(int[] prefix, int next) {
      if (prefix[prefix.length - 1] == next) {
        return REPEAT;
      }
      for (int p : prefix) {
        if (p == next) {
          return EARLIER;
        }
      }
      return NEW;
    }
  }

  private final int k;
  private final long[] predictions = new long[Kind.values().length];
  private final long[] hits = new long[Kind.values().length];
  private final double[] reciprocalRank = new double[Kind.values().length];

  /** @param k the cut-off of HR@k and MRR@k, at least 1 */
  public NextKinds(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    this.k = k;
  }

  /** Adds one prediction: {@code next} followed {@code prefix} and was ranked {@code rank}. */
  public void add(int[] prefix, int next, int rank) {
    int kind = Kind.of(prefix, next).ordinal();
    predictions[kind]++;
    if (rank <= k) {
      hits[kind]++;
      reciprocalRank[kind] += 1.0 / rank;
    }
  }

  /**
   * Per kind: {@code share} of all predictions, {@code HR@k} and {@code MRR@k} over its own
   * predictions (0 when it has none, so that the JSON stays numbers: show a kind of share 0 as
   * no result).
   */
  public Map<String, Map<String, Double>> values() {
    long all = 0;
    for (long n : predictions) {
      all += n;
    }
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      int i = kind.ordinal();
      double n = Math.max(1, predictions[i]);
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("share", all == 0 ? 0 : (double) predictions[i] / all);
      m.put("HR@" + k, hits[i] / n);
      m.put("MRR@" + k, reciprocalRank[i] / n);
      out.put(kind.label(), m);
    }
    return out;
  }
}
