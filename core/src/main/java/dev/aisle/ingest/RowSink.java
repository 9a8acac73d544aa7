package dev.aisle.ingest;

import dev.aisle.BadInputException;
import java.util.Arrays;
import java.util.Set;

/**
 * Takes the events {@link RowParser} finds into the {@link EventTable}, and counts its skips in
 * the {@link IngestReport} by file and line. Ids go through byte dictionaries without creating
 * strings; only an id seen for the first time is checked to be UTF-8.
 *
 * <p>Not thread-safe.
 */
final class RowSink implements RowParser.Rows {
  private static final int MAX_EVENT_TYPES = 100;

  private final EventTable table;
  private final IngestReport report;
  private final LogFormat format;
  /** Table event type by the parser's raw event code; -1 = not seen yet. */
  private int[] typeByCode = new int[16];
  private final int viewType;
  private String fileName = "";
  private long line;
  private long accepted;

  /**
   * @param selectedEvents canonical event names kept, or null for all: where views are kept,
   *     {@code view} is the table's first event type whatever the log's first event is
   */
  RowSink(EventTable table, IngestReport report, LogFormat format, Set<String> selectedEvents) {
    this.table = table;
    this.report = report;
    this.format = format;
    this.viewType = selectedEvents == null || selectedEvents.contains(EventTypes.VIEW)
        ? table.eventTypes.ordinal(EventTypes.VIEW) : -1;
    Arrays.fill(typeByCode, -1);
  }

  /** Starts a file: its name goes with every skip. */
  void beginFile(String name) {
    this.fileName = name;
  }

  /** The line the next records come from (1-based). */
  void at(long lineNumber) {
    this.line = lineNumber;
  }

  /** Events accepted so far, over all files. */
  long accepted() {
    return accepted;
  }

  @Override
  public void skip(int record, SkipReason reason, String field) {
    report.skipRow(reason, fileName, line, field);
  }

  @Override
  public void row(int record, ParsedRow r) {
    int type = r.typeCode < 0 ? viewType : eventType(r);
    byte[] b = r.bytes;
    int key = intern(table.keys, b, r.keyStart, r.keyEnd);
    if (key < 0) {
      report.skipRow(SkipReason.INVALID_UTF8, fileName, line, format.keyColumn());
      return;
    }
    int product = intern(table.products, b, r.productStart, r.productEnd);
    if (product < 0) {
      report.skipRow(SkipReason.INVALID_UTF8, fileName, line, format.productColumn());
      return;
    }
    int customer = -1;
    if (r.hasCustomer()) {
      customer = intern(table.customers, b, r.customerStart, r.customerEnd);
      if (customer < 0) {
        report.skipRow(SkipReason.INVALID_UTF8, fileName, line, format.customerColumn());
        return;
      }
    }
    if (r.categoryStart >= 0 && table.category(product) == null) {
      table.setCategory(product, r.category());
    }
    table.add(key, customer, product, r.millis, type);
    accepted++;
  }

  /** The ordinal of an id, or -1 when a new id is not valid UTF-8. */
  private static int intern(ByteDictionary dict, byte[] b, int s, int e) {
    int ord = dict.find(b, s, e);
    if (ord >= 0) {
      return ord;
    }
    if (!DelimitedLine.isUtf8(b, s, e)) {
      return -1;
    }
    return dict.ordinal(b, s, e);
  }

  /** The table's ordinal of the row's event type, taken on first sight (at most 100 types). */
  private int eventType(ParsedRow r) {
    if (r.typeCode >= typeByCode.length) {
      int old = typeByCode.length;
      typeByCode = Arrays.copyOf(typeByCode, Math.max(old * 2, r.typeCode + 1));
      Arrays.fill(typeByCode, old, typeByCode.length, -1);
    }
    int type = typeByCode[r.typeCode];
    if (type < 0) {
      type = table.eventTypes.ordinal(r.type);
      if (table.eventTypes.size() > MAX_EVENT_TYPES) {
        throw new BadInputException(fileName + ": column '" + format.eventColumn()
            + "' has more than " + MAX_EVENT_TYPES + " distinct event types; is --event-col right?");
      }
      typeByCode[r.typeCode] = type;
    }
    return type;
  }
}
