package dev.aisle.cli;

import picocli.CommandLine.Option;

/** The options every command that trains models shares. */
final class TrainingOptions {
  @Option(names = "--seed", defaultValue = "42",
      description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--threads", paramLabel = "N",
      description = "Training threads. Default: all cores.")
  int threads = Runtime.getRuntime().availableProcessors();
}
