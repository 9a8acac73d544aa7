package dev.aisle.modelfile;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import java.util.ServiceLoader;

/**
 * The {@code rank} algorithm as core sees it: trained and read by the aisle-rank module, found
 * through {@link ServiceLoader} so that core never depends on XGBoost (native code, Scala 2.12).
 */
public interface LearnedRanker {
  /** Resolves and checks rank's options; see {@link Algorithm#prepare}. */
  Algorithm.Training prepare(Params params);

  /** Reads a rank model's parameters back. */
  Recommender read(BinaryReader in, ProductIndex products);

  /** True when the aisle-rank module is on the class path. */
  static boolean present() {
    return ServiceLoader.load(LearnedRanker.class).findFirst().isPresent();
  }

  /**
   * The implementation on the class path.
   *
   * @throws IllegalStateException when the aisle-rank module is not there
   */
  static LearnedRanker find() {
    return ServiceLoader.load(LearnedRanker.class).findFirst().orElseThrow(
        () -> new IllegalStateException("the rank algorithm needs the aisle-rank module "
            + "(XGBoost) on the class path; this build does not have it"));
  }
}
