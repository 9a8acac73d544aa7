package dev.aisle.retrain;

import dev.aisle.session.CleaningOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to retrain.
 *
 * @param eventLog the event log's directory
 * @param initialCorpus the corpus the shop started with, or null
 * @param catalog the catalog file, or null
 * @param window the training window before the newest event
 * @param testDays the most recent days the gate evaluates on
 * @param k the cut-off of HR@k and MRR@k
 * @param maxDrop the most HR@k or MRR@k may drop (absolute) for a candidate to be swapped in
 * @param sessionGap the pause that starts a new session
 * @param cleaning ingest's cleaning
 * @param seed the training seed
 * @param threads training and evaluation threads
 */
public record RetrainOptions(Path eventLog, Path initialCorpus, Path catalog, Duration window,
    double testDays, int k, double maxDrop, Duration sessionGap, CleaningOptions cleaning,
    long seed, int threads) {

  public RetrainOptions {
    Objects.requireNonNull(eventLog, "eventLog");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("train window must be positive, was " + window);
    }
    if (!(testDays > 0) || testDays * 86_400_000L >= window.toMillis()) {
      throw new IllegalArgumentException("test days must be > 0 and shorter than the window ("
          + window + "), was " + testDays);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    if (!(maxDrop >= 0) || maxDrop > 1) {
      throw new IllegalArgumentException("max drop must be in [0, 1], was " + maxDrop);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
  }
}
