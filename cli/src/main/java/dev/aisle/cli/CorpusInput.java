package dev.aisle.cli;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A corpus given on the command line: a corpus file, or a raw browse log read on the fly with the
 * command's {@code --format} and cleaning options.
 */
final class CorpusInput {
  private CorpusInput() {}

  static Corpus load(Path file, LocalIngestOptions log, PrintWriter err) {
    return load(file, log, err, false);
  }

  /** As {@link #load(Path, LocalIngestOptions, PrintWriter)}; a test log keeps its rare products. */
  static Corpus load(Path file, LocalIngestOptions log, PrintWriter err, boolean test) {
    if (CorpusFile.isCorpus(file)) {
      return CorpusFile.read(file);
    }
    Corpus c = (test ? log.ingestTest(List.of(file)) : log.ingest(List.of(file))).corpus();
    err.printf(Locale.ROOT, "read %s as a %s log: %,d events in %,d sessions%n", file,
        log.format(), c.eventCount(), c.sessionCount());
    return c;
  }
}
