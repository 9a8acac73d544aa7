package dev.aisle.retrain;

import dev.aisle.BadInputException;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.events.Event;
import dev.aisle.events.EventFileWriter;
import dev.aisle.events.Segments;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The corpus a retrain learns from: the event log's window plus the initial corpus. */
public final class RetrainCorpus {
  private RetrainCorpus() {}

  /**
   * Ingests the log's segments and the initial corpus together and keeps the sessions that start
   * within the window before the newest event.
   *
   * @param scratch a directory for the initial corpus written back out as a log
   * @throws BadInputException when there are no events at all
   */
  public static Corpus build(RetrainOptions o, Path scratch) {
    try {
      List<Path> inputs = new ArrayList<>(Segments.list(o.eventLog()));
      if (o.initialCorpus() != null) {
        inputs.add(0, asLog(CorpusFile.read(o.initialCorpus()), scratch.resolve("initial.csv")));
      }
      if (inputs.isEmpty()) {
        throw new BadInputException("nothing to train on: " + o.eventLog()
            + " has no event log segments and no initial corpus was given");
      }
      Corpus all = CorpusBuilder.ingest(inputs, new IngestOptions(Preset.AISLE.format(), null,
          o.sessionGap(), false), o.cleaning(), o.catalog(), null).corpus();
      long newest = Long.MIN_VALUE;
      for (int e = 0; e < all.eventCount(); e++) {
        newest = Math.max(newest, all.time(e));
      }
      long from = newest - o.window().toMillis();
      int first = 0;
      while (first < all.sessionCount() && all.sessionTime(first) < from) {
        first++;
      }
      return first == 0 ? all : all.slice(first, all.sessionCount());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a corpus's events as an Aisle log: a session without a customer becomes one, an event
   * type the server does not take (such as {@code fav}) is written as a view.
   */
  private static Path asLog(Corpus corpus, Path file) throws IOException {
    try (EventFileWriter out = new EventFileWriter(file)) {
      for (int s = 0; s < corpus.sessionCount(); s++) {
        int c = corpus.sessionCustomer(s);
        String customer = c < 0 ? "session-" + s : corpus.customerId(c);
        for (int e = corpus.sessionStart(s); e < corpus.sessionEnd(s); e++) {
          String type = corpus.eventTypes().isEmpty() ? "view"
              : corpus.eventTypes().get(corpus.type(e));
          out.write(new Event(customer, corpus.products().id(corpus.item(e)), corpus.time(e),
              Event.TYPES.contains(type) ? type : "view"));
        }
      }
    }
    return file;
  }
}
