package dev.aisle.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/** Reads browse logs of one format into an {@link EventTable}, counting what it skips. */
public final class LogIngest {
  /** Bytes a row takes in a typical log: sizes the table up front to avoid regrowing it. */
  private static final int BYTES_PER_ROW_ESTIMATE = 40;

  private LogIngest() {}

  /**
   * Reads every file in order.
   *
   * @param progress receives the raw bytes read so far over all files, or null
   * @throws dev.aisle.BadInputException for a file that cannot be read as the format at all, or a
   *     malformed row under strict mode
   */
  public static EventTable read(List<Path> inputs, IngestOptions options, IngestReport report,
      LongConsumer progress) {
    long totalBytes = 0;
    for (Path p : inputs) {
      totalBytes += LineSource.sizeOf(p);
    }
    int hint = (int) Math.min(Integer.MAX_VALUE / 4, totalBytes / BYTES_PER_ROW_ESTIMATE);
    LogFormat format = options.format();
    EventTable table = new EventTable(format.grouping() == Grouping.CUSTOMER, hint);
    RowSink sink = new RowSink(table, report, format, options.events());
    LogReader reader = new LogReader(format, options.events());
    long done = 0;
    for (Path file : inputs) {
      long before = done;
      reader.read(file, sink, progress == null ? null : bytes -> progress.accept(before + bytes));
      done += LineSource.sizeOf(file);
    }
    return table;
  }
}
