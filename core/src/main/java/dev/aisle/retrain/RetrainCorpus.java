package dev.aisle.retrain;

import dev.aisle.BadInputException;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.events.Event;
import dev.aisle.events.EventFileWriter;
import dev.aisle.events.SegmentRecovery;
import dev.aisle.events.Segments;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus a retrain learns from: the event log's window plus the initial corpus. Ingest does
 * not read the log's checksum column, so every segment is checked here first: one with a damaged
 * line (or a torn tail it still has) is read through a copy of its good lines, and the bad ones
 * are counted.
 */
public final class RetrainCorpus {
  /**
   * @param corpus the sessions of the window
   * @param damagedLines log lines skipped because their checksum did not match
   */
  public record Built(Corpus corpus, long damagedLines) {}

  private RetrainCorpus() {}

  /**
   * Ingests the log's segments and the initial corpus together and keeps the sessions that start
   * within the window before the newest event.
   *
   * @param scratch a directory for the initial corpus written back out as a log
   * @throws BadInputException when there are no events at all
   */
  public static Built build(RetrainOptions o, Path scratch) {
    try {
      List<Path> inputs = new ArrayList<>();
      long damaged = 0;
      for (Path segment : Segments.list(o.eventLog())) {
        SegmentRecovery r;
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
          r = SegmentRecovery.scan(ch, null);
        }
        if (r.damagedLines() == 0 && r.tornLines() == 0) {
          inputs.add(segment);
        } else {
          damaged += r.damagedLines() + r.tornLines();
          inputs.add(goodLines(segment, scratch.resolve("checked-" + segment.getFileName())));
        }
      }
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
      return new Built(first == 0 ? all : all.slice(first, all.sessionCount()), damaged);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of a segment's lines whose checksums match. */
  private static Path goodLines(Path segment, Path copy) throws IOException {
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ);
        EventFileWriter out = new EventFileWriter(copy)) {
      SegmentRecovery.scan(ch, e -> {
        try {
          out.write(e);
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
    }
    return copy;
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
