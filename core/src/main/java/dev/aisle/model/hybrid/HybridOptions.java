package dev.aisle.model.hybrid;

import dev.aisle.model.Params;
import java.util.Map;

/**
 * Options of the {@code hybrid} algorithm: the weight of each component ({@code w-sknn}, {@code
 * w-cooc}, {@code w-item2vec}); a weight of 0 leaves the component out. Components train with
 * their own defaults. {@code w-repeat} and {@code repeat-decay} weigh the session's own products
 * (see {@link HybridModel#of}). A component's own options go with its name as a prefix:
 * {@code sknn.lambda1=0.5}.
 */
public record HybridOptions(double sknnWeight, double coocWeight, double item2vecWeight,
    double repeatWeight, double repeatDecay, Map<String, String> sknn, Map<String, String> cooc,
    Map<String, String> item2vec) {
  public HybridOptions {
    if (!(repeatWeight >= 0) || !(repeatDecay > 0)) {
      throw new IllegalArgumentException("w-repeat must be >= 0 and repeat-decay > 0, were "
          + repeatWeight + " and " + repeatDecay);
    }
    if (!(sknnWeight >= 0) || !(coocWeight >= 0) || !(item2vecWeight >= 0)) {
      throw new IllegalArgumentException("hybrid weights must be >= 0, were " + sknnWeight + ", "
          + coocWeight + ", " + item2vecWeight);
    }
    if (sknnWeight + coocWeight + item2vecWeight == 0) {
      throw new IllegalArgumentException("at least one hybrid weight must be > 0");
    }
  }

  /** Defaults tuned on the yoochoose-100k validation pair. */
  public static HybridOptions from(Params p) {
    Map<String, String> sknn = new java.util.TreeMap<>(p.sub("sknn"));
    // within the blend, session-kNN looks closer at the last products: the other signals cover
    // the rest (tuned on the validation pair, where it lifts the blend's MRR@20 by ~.005)
    sknn.putIfAbsent("lambda1", "0.5");
    return new HybridOptions(p.getDouble("w-sknn", 1.0), p.getDouble("w-cooc", 0.1),
        p.getDouble("w-item2vec", 0.2), p.getDouble("w-repeat", 0.6),
        p.getDouble("repeat-decay", 1.0), sknn, p.sub("cooc"), p.sub("item2vec"));
  }
}
