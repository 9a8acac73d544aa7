package dev.aisle.tune;

import java.util.List;
import java.util.Map;

/**
 * What {@link Tuner} found for one algorithm.
 *
 * @param best the best setting on the whole validation split, as {@code -p} parameters (the
 *     defaults, with any tuned parts, when no trial finished)
 * @param hr the best setting's HR@k on the validation split, or null when no trial finished
 * @param mrr its MRR@k, or null
 * @param stoppedByBudget the search ended at its share of {@code --budget} before all its
 *     trials ran; then a rerun with the same seed may run a different number of trials
 * @param skipped its first trial (the defaults) could not finish in its share of the budget,
 *     or, for a composite, a part's could not: it was not searched and keeps its defaults
 *     (absent in files of version 1: false)
 * @param trials every trial, in the order run
 */
public record TunedAlgorithm(Map<String, String> best, Double hr, Double mrr,
    boolean stoppedByBudget, Boolean skipped, List<Trial> trials) {
  public TunedAlgorithm {
    skipped = Boolean.TRUE.equals(skipped); // null: a version 1 file, which had no skips
  }

  /** True when at least one trial finished. */
  public boolean tuned() {
    return hr != null;
  }
}
