package dev.aisle.ingest;

import dev.aisle.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Reads one log file line by line into a {@link RowSink} through a {@link RowParser}: delimited
 * text (CSV, TSV, ...; its columns resolved from the first line), flat JSON lines, or OTTO's
 * nested sessions. The hot loop works on bytes: a line is split in place, ids go through byte
 * dictionaries and timestamps are parsed without creating strings, so a row costs no allocation.
 */
final class LogReader {
  private final LogFormat format;
  private final Set<String> selectedEvents;

  /**
   * @param selectedEvents canonical event names to keep, or null for all
   */
  LogReader(LogFormat format, Set<String> selectedEvents) {
    this.format = format;
    this.selectedEvents = selectedEvents;
  }

  /**
   * Reads every row of {@code file}.
   *
   * @param progress receives raw bytes read so far, or null
   * @throws BadInputException for a file that cannot be read as this format at all (empty, a
   *     header without rows, a missing column)
   */
  void read(Path file, RowSink sink, LongConsumer progress) {
    sink.beginFile(file.toString());
    boolean delimited = format.syntax() == LogFormat.Syntax.DELIMITED;
    try (LineSource lines = LineSource.open(file, progress)) {
      RowParser parser;
      boolean pending = false; // the first line is already read and is a row
      if (delimited) {
        if (!lines.next()) {
          throw new BadInputException(file + ": empty file");
        }
        parser = new RowParser(format, selectedEvents, ColumnLayout.resolve(file.toString(),
            format, lines.buffer(), lines.start(), lines.end()));
        pending = !format.header();
      } else {
        parser = new RowParser(format, selectedEvents, null);
      }
      boolean any = false;
      while (pending || lines.next()) {
        pending = false;
        if (lines.start() == lines.end()) {
          continue; // blank lines carry nothing
        }
        any = true;
        sink.at(lines.lineNumber());
        parser.parse(lines.buffer(), lines.start(), lines.end(), sink);
      }
      if (!any) {
        throw new BadInputException(file + (delimited && format.header()
            ? ": has a header but no rows" : ": empty file"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
