package dev.aisle.ingest;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Reads one log file of a given syntax into a {@link RowSink}. */
interface LogReader {
  /**
   * Reads every row of {@code file}.
   *
   * @param progress receives raw bytes read so far, or null
   * @throws dev.aisle.BadInputException for a file that cannot be read as this format at all
   */
  void read(Path file, RowSink sink, LongConsumer progress);

  /** The reader for a format's syntax. */
  static LogReader forFormat(LogFormat format) {
    switch (format.syntax()) {
      case DELIMITED:
        return new DelimitedLogReader(format);
      case JSON_LINES:
      case OTTO_JSON_LINES:
        return new JsonLinesLogReader(format);
      default:
        throw new AssertionError(format.syntax());
    }
  }
}
