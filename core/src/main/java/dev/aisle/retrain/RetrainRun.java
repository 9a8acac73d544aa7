package dev.aisle.retrain;

import java.util.List;

/**
 * One retrain as recorded ({@code GET /api/retrains}).
 *
 * @param startedAt ISO-8601
 * @param finishedAt ISO-8601
 * @param windowFrom the first session start in the corpus (ISO-8601), or null after an error
 * @param windowTo the newest event (ISO-8601), or null
 * @param events events in the window
 * @param sessions sessions in the window
 * @param products products in the window
 * @param damagedLines event log lines left out because their checksum did not match
 * @param models what happened to each model
 * @param error why the run stopped before deciding, or null
 */
public record RetrainRun(String startedAt, String finishedAt, String windowFrom, String windowTo,
    long events, int sessions, int products, long damagedLines, List<Outcome> models,
    String error) {

  /** HR@k and MRR@k on the gate's predictions. */
  public record Score(double hr, double mrr) {}

  /**
   * One model's retrain.
   *
   * @param name the served model's name
   * @param file its file
   * @param algorithm its algorithm
   * @param params the parameters it was trained with ({@code -p}), empty for the defaults
   * @param testFrom where its test part starts (ISO-8601): the last test days, or the end of
   *     the serving model's own window when a recorded retrain says so and it is later
   * @param testSessions sessions in the test part
   * @param k the metrics' cut-off
   * @param predictions the next-item predictions both were scored on
   * @param candidate the candidate's scores
   * @param serving the serving model's scores
   * @param swapped whether the candidate replaced the file
   * @param reason why, in words
   * @param trainSeconds time to train the candidate (and, when swapped, the final model)
   */
  public record Outcome(String name, String file, String algorithm, List<String> params,
      String testFrom, int testSessions, int k, long predictions, Score candidate, Score serving, boolean swapped, String reason,
      double trainSeconds) {}
}
