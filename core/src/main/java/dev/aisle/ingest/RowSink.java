package dev.aisle.ingest;

import dev.aisle.BadInputException;
import java.util.Arrays;
import java.util.Set;

/**
 * Turns the fields of one parsed row into an event of the {@link EventTable}, or a counted skip.
 * Readers fill the public ranges of the row (start/end offsets into {@code bytes}; a start of -1
 * means the log has no such field) and call {@link #accept}. Shared by every log syntax so that
 * validation is the same for all of them.
 *
 * <p>Not thread-safe.
 */
final class RowSink {
  private static final int MAX_EVENT_TYPES = 100;
  private static final int NOT_SELECTED = -2;

  byte[] bytes;
  int keyStart;
  int keyEnd;
  int customerStart = -1;
  int customerEnd;
  int productStart;
  int productEnd;
  int timeStart;
  int timeEnd;
  int offsetStart = -1;
  int offsetEnd;
  int eventStart = -1;
  int eventEnd;
  int categoryStart = -1;
  int categoryEnd;

  private final EventTable table;
  private final IngestReport report;
  private final LogFormat format;
  private final Set<String> selectedEvents;
  private final byte[] missing;
  private final ByteDictionary rawEvents = new ByteDictionary();
  private int[] rawEventType = new int[16];
  private final int viewType;
  private String fileName = "";
  private long accepted;

  /**
   * @param selectedEvents canonical event names to keep, or null for all
   */
  RowSink(EventTable table, IngestReport report, LogFormat format, Set<String> selectedEvents) {
    this.table = table;
    this.report = report;
    this.format = format;
    this.selectedEvents = selectedEvents;
    this.missing = format.missingValue() == null ? null : format.missingValue().getBytes();
    this.viewType =
        selectedEvents == null || selectedEvents.contains(EventTypes.VIEW)
            ? table.eventTypes.ordinal(EventTypes.VIEW)
            : NOT_SELECTED;
  }

  void beginFile(String name) {
    this.fileName = name;
  }

  /** Events accepted so far, over all files. */
  long accepted() {
    return accepted;
  }

  /** Records a malformed row that never got as far as its fields. */
  void skip(SkipReason reason, long line, String field) {
    report.skipRow(reason, fileName, line, field);
  }

  void accept(long line) {
    byte[] b = bytes;
    int ks = DelimitedLine.trimStart(b, keyStart, keyEnd);
    int ke = DelimitedLine.trimEnd(b, ks, keyEnd);
    String keyColumn =
        format.grouping() == Grouping.SESSION ? format.sessionColumn() : format.customerColumn();
    if (ks == ke || isMissing(b, ks, ke)) {
      report.skipRow(SkipReason.EMPTY_ID, fileName, line, keyColumn);
      return;
    }
    int ps = DelimitedLine.trimStart(b, productStart, productEnd);
    int pe = DelimitedLine.trimEnd(b, ps, productEnd);
    if (ps == pe || isMissing(b, ps, pe)) {
      report.skipRow(SkipReason.EMPTY_ID, fileName, line, format.productColumn());
      return;
    }
    int ts = DelimitedLine.trimStart(b, timeStart, timeEnd);
    int te = DelimitedLine.trimEnd(b, ts, timeEnd);
    long millis = format.timeFormat().parse(b, ts, te);
    if (millis != TimeFormat.INVALID && offsetStart >= 0) {
      int os = DelimitedLine.trimStart(b, offsetStart, offsetEnd);
      long offset = TimeFormat.parseLong(b, os, DelimitedLine.trimEnd(b, os, offsetEnd));
      if (offset == TimeFormat.INVALID || offset < 0) {
        report.skipRow(SkipReason.UNPARSEABLE_TIMESTAMP, fileName, line, format.offsetColumn());
        return;
      }
      millis += offset;
    }
    if (millis == TimeFormat.INVALID) {
      report.skipRow(SkipReason.UNPARSEABLE_TIMESTAMP, fileName, line, format.timeColumn());
      return;
    }
    if (!TimeFormat.isPlausible(millis)) {
      report.skipRow(SkipReason.IMPOSSIBLE_TIMESTAMP, fileName, line, format.timeColumn());
      return;
    }
    int type = viewType;
    if (eventStart >= 0) {
      type = eventType(b, eventStart, eventEnd);
    }
    if (type == NOT_SELECTED) {
      report.skipRow(SkipReason.EVENT_NOT_SELECTED, fileName, line, format.eventColumn());
      return;
    }
    int key = intern(table.keys, b, ks, ke);
    if (key < 0) {
      report.skipRow(SkipReason.INVALID_UTF8, fileName, line, keyColumn);
      return;
    }
    int product = intern(table.products, b, ps, pe);
    if (product < 0) {
      report.skipRow(SkipReason.INVALID_UTF8, fileName, line, format.productColumn());
      return;
    }
    int customer = -1;
    if (customerStart >= 0 && !table.keyIsCustomer()) {
      int cs = DelimitedLine.trimStart(b, customerStart, customerEnd);
      int ce = DelimitedLine.trimEnd(b, cs, customerEnd);
      if (cs < ce && !isMissing(b, cs, ce)) {
        customer = intern(table.customers, b, cs, ce);
        if (customer < 0) {
          report.skipRow(SkipReason.INVALID_UTF8, fileName, line, format.customerColumn());
          return;
        }
      }
    }
    if (categoryStart >= 0 && table.category(product) == null) {
      int cs = DelimitedLine.trimStart(b, categoryStart, categoryEnd);
      int ce = DelimitedLine.trimEnd(b, cs, categoryEnd);
      if (cs < ce && DelimitedLine.isUtf8(b, cs, ce)) {
        table.setCategory(product, new String(b, cs, ce - cs, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    table.add(key, customer, product, millis, type);
    accepted++;
  }

  private boolean isMissing(byte[] b, int s, int e) {
    return missing != null && Arrays.equals(b, s, e, missing, 0, missing.length);
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

  private int eventType(byte[] b, int s, int e) {
    s = DelimitedLine.trimStart(b, s, e);
    e = DelimitedLine.trimEnd(b, s, e);
    int raw = rawEvents.find(b, s, e);
    if (raw >= 0) {
      return rawEventType[raw];
    }
    raw = rawEvents.ordinal(b, s, e);
    String canonical = EventTypes.canonical(rawEvents.id(raw));
    int type;
    if (selectedEvents != null && !selectedEvents.contains(canonical)) {
      type = NOT_SELECTED;
    } else {
      type = table.eventTypes.ordinal(canonical);
      if (table.eventTypes.size() > MAX_EVENT_TYPES) {
        throw new BadInputException(fileName + ": column '" + format.eventColumn()
            + "' has more than " + MAX_EVENT_TYPES + " distinct event types; is --event-col right?");
      }
    }
    if (raw >= rawEventType.length) {
      rawEventType = Arrays.copyOf(rawEventType, rawEventType.length * 2);
    }
    rawEventType[raw] = type;
    return type;
  }
}
