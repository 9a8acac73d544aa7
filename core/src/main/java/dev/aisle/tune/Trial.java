package dev.aisle.tune;

import java.util.Map;

/**
 * One setting tried by {@link Tuner}, with its validation scores.
 *
 * @param number 1-based, in the order run
 * @param phase {@code defaults}, {@code sample} (quasi-random, on a third of the validation
 *     sessions, or on all when its share pays for too few samples to halve), {@code promoted}
 *     (a sample's setting again on all of them) or {@code refine} (a small move around the best
 *     setting)
 * @param fidelity the share of the validation sessions scored
 * @param params the setting, as {@code -p} parameters
 * @param hr HR@k on those sessions, or null when the trial did not finish
 * @param mrr MRR@k, or null when the trial did not finish
 * @param status {@code ok}, {@code abandoned} (still running when its algorithm's share of the
 *     budget ended: cancelled there, no scores) or {@code failed: why}
 */
public record Trial(int number, String phase, double fidelity, Map<String, String> params,
    Double hr, Double mrr, String status) {

  /** True when the trial finished with scores. */
  public boolean finished() {
    return hr != null;
  }
}
