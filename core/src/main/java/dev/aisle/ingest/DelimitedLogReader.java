package dev.aisle.ingest;

import dev.aisle.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Reads CSV, TSV and other delimited browse logs. The hot loop works on bytes: a line is split in
 * place, ids go through a byte dictionary and timestamps are parsed without creating strings, so a
 * row costs no allocation.
 */
final class DelimitedLogReader implements LogReader {
  private static final String[] DELIMITER_NAMES = {",", "comma", ";", "semicolon", "\t", "tab",
      "|", "pipe"};

  private final LogFormat format;

  DelimitedLogReader(LogFormat format) {
    this.format = format;
  }

  @Override
  public void read(Path file, RowSink sink, LongConsumer progress) {
    sink.beginFile(file.toString());
    byte delim = (byte) format.delimiter();
    try (LineSource lines = LineSource.open(file, progress)) {
      if (!lines.next()) {
        throw new BadInputException(file + ": empty file");
      }
      Columns cols = format.header() ? fromHeader(lines) : fromPositions(lines);
      int[] starts = new int[cols.max + 1];
      int[] ends = new int[cols.max + 1];
      boolean any = false;
      boolean pending = !format.header(); // without a header, line 1 is already a row
      while (pending || lines.next()) {
        pending = false;
        byte[] b = lines.buffer();
        int ls = lines.start();
        int le = lines.end();
        if (ls == le) {
          continue; // blank lines carry nothing
        }
        any = true;
        int n = DelimitedLine.split(b, ls, le, delim, starts, ends);
        if (n == DelimitedLine.UNTERMINATED_QUOTE) {
          sink.skip(SkipReason.UNTERMINATED_QUOTE, lines.lineNumber(), null);
          continue;
        }
        if (n <= cols.max) {
          sink.skip(SkipReason.MISSING_FIELD, lines.lineNumber(), cols.nameOf(n));
          continue;
        }
        sink.bytes = b;
        sink.keyStart = starts[cols.key];
        sink.keyEnd = ends[cols.key];
        setOptional(sink, cols, starts, ends);
        sink.productStart = starts[cols.product];
        sink.productEnd = ends[cols.product];
        sink.timeStart = starts[cols.time];
        sink.timeEnd = ends[cols.time];
        sink.accept(lines.lineNumber());
      }
      if (!any) {
        throw new BadInputException(file + ": has a header but no rows");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void setOptional(RowSink sink, Columns cols, int[] starts, int[] ends) {
    sink.customerStart = cols.customer < 0 ? -1 : starts[cols.customer];
    sink.customerEnd = cols.customer < 0 ? 0 : ends[cols.customer];
    sink.offsetStart = cols.offset < 0 ? -1 : starts[cols.offset];
    sink.offsetEnd = cols.offset < 0 ? 0 : ends[cols.offset];
    sink.eventStart = cols.event < 0 ? -1 : starts[cols.event];
    sink.eventEnd = cols.event < 0 ? 0 : ends[cols.event];
    sink.categoryStart = cols.category < 0 ? -1 : starts[cols.category];
    sink.categoryEnd = cols.category < 0 ? 0 : ends[cols.category];
  }

  /** Column positions resolved against the header (or the 1-based positions of the format). */
  private static final class Columns {
    final List<String> names = new ArrayList<>();
    final List<Integer> positions = new ArrayList<>();
    int key = -1;
    int customer = -1;
    int product = -1;
    int time = -1;
    int offset = -1;
    int event = -1;
    int category = -1;
    int max;

    int add(String name, int position) {
      names.add(name);
      positions.add(position);
      max = Math.max(max, position);
      return position;
    }

    /** The name of the first required column at a position >= {@code fieldCount}. */
    String nameOf(int fieldCount) {
      String best = null;
      int bestPos = Integer.MAX_VALUE;
      for (int i = 0; i < names.size(); i++) {
        int p = positions.get(i);
        if (p >= fieldCount && p < bestPos) {
          bestPos = p;
          best = names.get(i);
        }
      }
      return best;
    }
  }

  private Columns fromHeader(LineSource lines) {
    byte[] b = lines.buffer();
    Path file = lines.file();
    byte delim = (byte) format.delimiter();
    int count = DelimitedLine.count(b, lines.start(), lines.end(), delim);
    int[] starts = new int[count];
    int[] ends = new int[count];
    int n = DelimitedLine.split(b, lines.start(), lines.end(), delim, starts, ends);
    if (n == DelimitedLine.UNTERMINATED_QUOTE) {
      throw new BadInputException(file + ":1: unterminated quote in the header");
    }
    if (!DelimitedLine.isUtf8(b, lines.start(), lines.end())) {
      throw new BadInputException(file + ":1: the header is not valid UTF-8");
    }
    List<String> header = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      header.add(new String(b, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8).trim());
    }
    if (n == 1) {
      checkDelimiter(file, header.get(0));
    }
    Columns cols = new Columns();
    String keyCol =
        format.grouping() == Grouping.SESSION ? format.sessionColumn() : format.customerColumn();
    cols.key = cols.add(keyCol, find(file, header, keyCol, true));
    if (format.grouping() == Grouping.SESSION && format.customerColumn() != null) {
      cols.customer = find(file, header, format.customerColumn(), false);
      if (cols.customer >= 0) {
        cols.add(format.customerColumn(), cols.customer);
      }
    }
    cols.product = cols.add(format.productColumn(), find(file, header, format.productColumn(), true));
    cols.time = cols.add(format.timeColumn(), find(file, header, format.timeColumn(), true));
    if (format.offsetColumn() != null) {
      cols.offset = cols.add(format.offsetColumn(), find(file, header, format.offsetColumn(), true));
    }
    if (format.eventColumn() != null) {
      cols.event = cols.add(format.eventColumn(), find(file, header, format.eventColumn(), true));
    }
    if (format.categoryColumn() != null) {
      cols.category = find(file, header, format.categoryColumn(), false);
      if (cols.category >= 0) {
        cols.add(format.categoryColumn(), cols.category);
      }
    }
    return cols;
  }

  private int find(Path file, List<String> header, String column, boolean required) {
    String wanted = DelimitedLine.normalizeName(column);
    for (int i = 0; i < header.size(); i++) {
      if (DelimitedLine.normalizeName(header.get(i)).equals(wanted)) {
        return i;
      }
    }
    if (column.chars().allMatch(Character::isDigit) && !column.isEmpty()) {
      int pos = Integer.parseInt(column) - 1;
      if (pos >= 0 && pos < header.size()) {
        return pos;
      }
    }
    if (!required) {
      return -1;
    }
    throw new BadInputException(String.format(Locale.ROOT,
        "%s:1: missing column '%s' (format %s); the header has: %s", file, column, format.name(),
        String.join(", ", header)));
  }

  private Columns fromPositions(LineSource lines) {
    Path file = lines.file();
    int count = DelimitedLine.count(lines.buffer(), lines.start(), lines.end(),
        (byte) format.delimiter());
    if (count == 1) {
      checkDelimiter(file, new String(lines.buffer(), lines.start(),
          lines.end() - lines.start(), StandardCharsets.UTF_8));
    }
    Columns cols = new Columns();
    String keyCol =
        format.grouping() == Grouping.SESSION ? format.sessionColumn() : format.customerColumn();
    cols.key = cols.add(keyCol, position(keyCol));
    if (format.grouping() == Grouping.SESSION && format.customerColumn() != null) {
      cols.customer = cols.add(format.customerColumn(), position(format.customerColumn()));
    }
    cols.product = cols.add(format.productColumn(), position(format.productColumn()));
    cols.time = cols.add(format.timeColumn(), position(format.timeColumn()));
    if (format.offsetColumn() != null) {
      cols.offset = cols.add(format.offsetColumn(), position(format.offsetColumn()));
    }
    if (format.eventColumn() != null) {
      cols.event = cols.add(format.eventColumn(), position(format.eventColumn()));
    }
    if (format.categoryColumn() != null) {
      cols.category = cols.add(format.categoryColumn(), position(format.categoryColumn()));
    }
    if (count <= cols.max) {
      throw new BadInputException(String.format(Locale.ROOT,
          "%s:1: format %s needs %d columns, the first line has %d", file, format.name(),
          cols.max + 1, count));
    }
    return cols;
  }

  private int position(String column) {
    try {
      int p = Integer.parseInt(column.trim());
      if (p < 1) {
        throw new NumberFormatException();
      }
      return p - 1;
    } catch (NumberFormatException e) {
      throw new BadInputException("format " + format.name() + " has no header, so column '"
          + column + "' must be a 1-based position such as 2");
    }
  }

  /** A first line with one field: name the delimiter the file seems to use instead. */
  private void checkDelimiter(Path file, String firstLine) {
    for (int i = 0; i < DELIMITER_NAMES.length; i += 2) {
      char c = DELIMITER_NAMES[i].charAt(0);
      if (c != format.delimiter() && firstLine.indexOf(c) >= 0) {
        throw new BadInputException(String.format(Locale.ROOT,
            "%s:1: wrong delimiter: format %s reads %s-separated fields, but the first line looks "
                + "%s-separated; use --delimiter '%s' or another --format",
            file, format.name(), delimiterName(format.delimiter()), DELIMITER_NAMES[i + 1],
            c == '\t' ? "\\t" : String.valueOf(c)));
      }
    }
  }

  static String delimiterName(char c) {
    for (int i = 0; i < DELIMITER_NAMES.length; i += 2) {
      if (DELIMITER_NAMES[i].charAt(0) == c) {
        return DELIMITER_NAMES[i + 1];
      }
    }
    return "'" + c + "'";
  }
}
