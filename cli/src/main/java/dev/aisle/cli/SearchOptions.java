package dev.aisle.cli;

import dev.aisle.corpus.Corpus;
import dev.aisle.session.Durations;
import dev.aisle.tune.Tuner;
import dev.aisle.tune.ValidationSplit;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of a hyperparameter search, shared by {@code tune} and {@code evaluate --tune}. */
final class SearchOptions {
  @Option(names = "--budget", paramLabel = "DURATION", defaultValue = "20m",
      description = "Wall time for the whole search, e.g. 90s, 20m, 1h. Default: "
          + "${DEFAULT-VALUE}.")
  String budget;

  @Option(names = "--metric", paramLabel = "hr|mrr|both", defaultValue = "both",
      description = "What the search maximises at the largest --k: hr (HR@K), mrr (MRR@K) or "
          + "both (their sum, so that hit rate is not bought with the rank of the hit). "
          + "Default: ${DEFAULT-VALUE}.")
  String metric;

  @Option(names = "--trials", paramLabel = "N", defaultValue = "40",
      description = "Trials per algorithm at most, its defaults included. Default: "
          + "${DEFAULT-VALUE}.")
  int trials;

  @Option(names = "--validation-days", paramLabel = "DAYS",
      description = "Hold out the sessions of the last DAYS days of the training data instead "
          + "of the latest --validation-fraction.")
  Double validationDays;

  Duration budget() {
    return Durations.parse(budget);
  }

  /** The held-out part of {@code train}: the last days if given, else the latest fraction. */
  ValidationSplit split(Corpus train, double fraction) {
    return validationDays != null ? ValidationSplit.lastDays(train, validationDays)
        : ValidationSplit.latestFraction(train, fraction);
  }

  Tuner.Options options(TrainingOptions run, int k) {
    return new Tuner.Options(Tuner.Metric.parse(metric), k, budget(), run.seed, run.threads,
        trials);
  }
}
