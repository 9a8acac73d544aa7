package dev.aisle.ingest;

import dev.aisle.BadInputException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the fields of one delimited log file are: 0-based positions resolved against the file's
 * header, or the format's 1-based positions for a file without one. Resolved from the file's first
 * line, by {@code aisle ingest} and by the Spark job's driver alike: names match ignoring case,
 * spaces, dashes and underscores; a missing required column names the header the file has; a
 * first line with one field names the delimiter the file seems to use.
 *
 * <pre>
 * ColumnLayout cols = ColumnLayout.resolve("clicks.tsv", format, line, 0, line.length);
 * RowParser parser = new RowParser(format, null, cols);
 * </pre>
 *
 * <p>Immutable and serializable (the Spark job ships it to its executors).
 */
public final class ColumnLayout implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String[] DELIMITER_NAMES = {",", "comma", ";", "semicolon", "\t", "tab",
      "|", "pipe"};

  private final List<String> names = new ArrayList<>();
  private final List<Integer> positions = new ArrayList<>();
  int key = -1;
  int customer = -1;
  int product = -1;
  int time = -1;
  int offset = -1;
  int event = -1;
  int category = -1;
  /** The largest position of a column read: a row needs more fields than this. */
  int max;

  private ColumnLayout() {}

  private int add(String name, int position) {
    names.add(name);
    positions.add(position);
    max = Math.max(max, position);
    return position;
  }

  /** The name of the first column read at a position >= {@code fieldCount}. */
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

  /**
   * Resolves the columns of {@code file} from its first line {@code b[start, end)} (without its
   * terminator; not modified).
   *
   * @param file the file's name, for messages
   * @throws BadInputException naming {@code file:1} when the header lacks a required column, the
   *     delimiter looks wrong, or a headerless line has too few fields
   */
  public static ColumnLayout resolve(String file, LogFormat format, byte[] b, int start,
      int end) {
    return format.header() ? fromHeader(file, format, b, start, end)
        : fromPositions(file, format, b, start, end);
  }

  private static ColumnLayout fromHeader(String file, LogFormat format, byte[] line, int start,
      int end) {
    byte delim = (byte) format.delimiter();
    int count = DelimitedLine.count(line, start, end, delim);
    int[] starts = new int[count];
    int[] ends = new int[count];
    byte[] b = java.util.Arrays.copyOfRange(line, start, end); // split unquotes in place
    int n = DelimitedLine.split(b, 0, b.length, delim, starts, ends);
    if (n == DelimitedLine.UNTERMINATED_QUOTE) {
      throw new BadInputException(file + ":1: unterminated quote in the header");
    }
    if (!DelimitedLine.isUtf8(b, 0, b.length)) {
      throw new BadInputException(file + ":1: the header is not valid UTF-8");
    }
    List<String> header = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      header.add(new String(b, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8).trim());
    }
    if (n == 1) {
      checkDelimiter(file, format, header.get(0));
    }
    ColumnLayout cols = new ColumnLayout();
    String keyCol = format.keyColumn();
    cols.key = cols.add(keyCol, find(file, format, header, keyCol, true));
    if (format.grouping() == Grouping.SESSION && format.customerColumn() != null) {
      cols.customer = find(file, format, header, format.customerColumn(), false);
      if (cols.customer >= 0) {
        cols.add(format.customerColumn(), cols.customer);
      }
    }
    cols.product = cols.add(format.productColumn(),
        find(file, format, header, format.productColumn(), true));
    cols.time = cols.add(format.timeColumn(),
        find(file, format, header, format.timeColumn(), true));
    if (format.offsetColumn() != null) {
      cols.offset = cols.add(format.offsetColumn(),
          find(file, format, header, format.offsetColumn(), true));
    }
    if (format.eventColumn() != null) {
      cols.event = cols.add(format.eventColumn(),
          find(file, format, header, format.eventColumn(), true));
    }
    if (format.categoryColumn() != null) {
      cols.category = find(file, format, header, format.categoryColumn(), false);
      if (cols.category >= 0) {
        cols.add(format.categoryColumn(), cols.category);
      }
    }
    return cols;
  }

  private static int find(String file, LogFormat format, List<String> header, String column,
      boolean required) {
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

  private static ColumnLayout fromPositions(String file, LogFormat format, byte[] b, int start,
      int end) {
    int count = DelimitedLine.count(b, start, end, (byte) format.delimiter());
    if (count == 1) {
      checkDelimiter(file, format, new String(b, start, end - start, StandardCharsets.UTF_8));
    }
    ColumnLayout cols = new ColumnLayout();
    String keyCol = format.keyColumn();
    cols.key = cols.add(keyCol, position(format, keyCol));
    if (format.grouping() == Grouping.SESSION && format.customerColumn() != null) {
      cols.customer = cols.add(format.customerColumn(), position(format, format.customerColumn()));
    }
    cols.product = cols.add(format.productColumn(), position(format, format.productColumn()));
    cols.time = cols.add(format.timeColumn(), position(format, format.timeColumn()));
    if (format.offsetColumn() != null) {
      cols.offset = cols.add(format.offsetColumn(), position(format, format.offsetColumn()));
    }
    if (format.eventColumn() != null) {
      cols.event = cols.add(format.eventColumn(), position(format, format.eventColumn()));
    }
    if (format.categoryColumn() != null) {
      cols.category = cols.add(format.categoryColumn(),
          position(format, format.categoryColumn()));
    }
    if (count <= cols.max) {
      throw new BadInputException(String.format(Locale.ROOT,
          "%s:1: format %s needs %d columns, the first line has %d", file, format.name(),
          cols.max + 1, count));
    }
    return cols;
  }

  private static int position(LogFormat format, String column) {
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
  private static void checkDelimiter(String file, LogFormat format, String firstLine) {
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

  private static String delimiterName(char c) {
    for (int i = 0; i < DELIMITER_NAMES.length; i += 2) {
      if (DELIMITER_NAMES[i].charAt(0) == c) {
        return DELIMITER_NAMES[i + 1];
      }
    }
    return "'" + c + "'";
  }
}
