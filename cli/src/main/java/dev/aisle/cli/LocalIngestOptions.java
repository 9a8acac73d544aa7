package dev.aisle.cli;

import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.corpus.IngestResult;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.LineSource;
import dev.aisle.session.CleaningOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The shared log options ({@link dev.aisle.options.LogOptions}) plus what only the command line
 * does with them: a product catalog, and ingest with a progress bar.
 */
final class LocalIngestOptions extends dev.aisle.options.LogOptions {
  @Option(names = "--catalog", paramLabel = "FILE",
      description = "Product metadata: CSV/TSV with id and any of name, category, price, "
          + "in_stock, image.")
  Path catalog;

  /** Reads, sessionizes and cleans the logs, with a progress bar when interactive. */
  IngestResult ingest(List<Path> inputs) {
    return ingest(inputs, cleaning());
  }

  /**
   * Reads a test log: cleaned like a training log except that products are never dropped for
   * being rare in the test data itself (the evaluation removes products unseen in training).
   */
  IngestResult ingestTest(List<Path> inputs) {
    CleaningOptions c = cleaning();
    return ingest(inputs, new CleaningOptions(c.collapseRepeats(), c.minSessionLength(), 1,
        c.botMaxSessionLength(), c.botMaxRate()));
  }

  private IngestResult ingest(List<Path> inputs, CleaningOptions clean) {
    long total = inputs.stream().mapToLong(LineSource::sizeOf).sum();
    IngestOptions options = ingestOptions();
    try (Progress progress = Progress.bytes("Reading", total)) {
      return CorpusBuilder.ingest(inputs, options, clean, catalog, progress.listener());
    }
  }
}
