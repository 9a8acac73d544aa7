package dev.aisle.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Parses one line of a browse log into its events, or counted skips: the one parser of Aisle,
 * which {@code aisle ingest} runs over its line source and the Spark job calls per line. A
 * delimited line is split by its file's {@link ColumnLayout}; a JSON line is a flat object whose
 * keys are the columns, or one of OTTO's sessions with nested events. Every event is then checked
 * the same way: ids trimmed and not empty nor the format's missing value, the time parsed (plus
 * its offset) and plausible, the event type canonical and selected. Each problem becomes a {@link
 * SkipReason} naming the column at fault.
 *
 * <pre>
 * RowParser parser = new RowParser(format, Set.of("view"), cols);
 * parser.parse(line, 0, line.length, new RowParser.Rows() { ... });
 * </pre>
 *
 * <p>Not thread-safe: one instance per reading thread. Serializable (its scratch space is not),
 * for Spark's tasks.
 */
public final class RowParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Positions of a record's values in {@link #columns} and {@link #parseValues}. */
  public static final int KEY = 0;
  public static final int CUSTOMER = 1;
  public static final int PRODUCT = 2;
  public static final int TIME = 3;
  public static final int OFFSET = 4;
  public static final int EVENT = 5;
  public static final int CATEGORY = 6;
  private static final int FIELDS = 7;

  /** Where a line's records go. */
  public interface Rows {
    /**
     * A record that was not an event.
     *
     * @param record the record's index within its line (OTTO's nested events), else 0
     * @param field the column at fault, or null
     */
    void skip(int record, SkipReason reason, String field);

    /** A valid event; {@code row} is reused after the call returns. */
    void row(int record, ParsedRow row);
  }

  private final LogFormat format;
  private final Set<String> selectedEvents;
  private final ColumnLayout cols;
  private final byte[] missing;
  private final String[] wanted;
  private transient JsonFactory json;
  private transient int[] starts;
  private transient int[] ends;
  private transient String[] values;
  private transient byte[] scratch;
  private transient ParsedRow row;
  private transient ByteDictionary rawEvents;
  private transient String[] rawCanonical;

  /**
   * @param selectedEvents canonical event names to keep, or null for all
   * @param cols the file's columns for a delimited log, or null for JSON lines and for records
   *     given as values ({@link #parseValues})
   */
  public RowParser(LogFormat format, Set<String> selectedEvents, ColumnLayout cols) {
    this.format = format;
    this.selectedEvents = selectedEvents;
    this.cols = cols;
    this.missing = format.missingValue() == null ? null
        : format.missingValue().getBytes(StandardCharsets.UTF_8);
    String[] names = columns(format);
    this.wanted = new String[FIELDS];
    for (int i = 0; i < FIELDS; i++) {
      wanted[i] = names[i] == null ? null : DelimitedLine.normalizeName(names[i]);
    }
  }

  /**
   * The columns a record is read from, by position ({@link #KEY} .. {@link #CATEGORY}): the key,
   * the customer beside a session id, product, time, offset, event and category; null where the
   * format has none.
   */
  public static String[] columns(LogFormat format) {
    boolean session = format.grouping() == Grouping.SESSION;
    return new String[] {format.keyColumn(), session ? format.customerColumn() : null,
        format.productColumn(), format.timeColumn(), format.offsetColumn(), format.eventColumn(),
        format.categoryColumn()};
  }

  /**
   * Parses the line {@code b[start, end)} (no line terminator); a blank line holds nothing. A
   * delimited line's quoted fields are unquoted in place.
   */
  public void parse(byte[] b, int start, int end, Rows out) {
    if (start == end) {
      return;
    }
    if (row == null) {
      row = new ParsedRow();
    }
    if (cols != null) {
      parseDelimited(b, start, end, out);
    } else {
      parseJson(b, start, end, out);
    }
  }

  private void parseDelimited(byte[] b, int start, int end, Rows out) {
    if (starts == null) {
      starts = new int[cols.max + 1];
      ends = new int[cols.max + 1];
    }
    int n = DelimitedLine.split(b, start, end, (byte) format.delimiter(), starts, ends);
    if (n == DelimitedLine.UNTERMINATED_QUOTE) {
      out.skip(0, SkipReason.UNTERMINATED_QUOTE, null);
      return;
    }
    if (n <= cols.max) {
      out.skip(0, SkipReason.MISSING_FIELD, cols.nameOf(n));
      return;
    }
    check(b, starts[cols.key], ends[cols.key], field(cols.customer, true),
        field(cols.customer, false), starts[cols.product], ends[cols.product], starts[cols.time],
        ends[cols.time], field(cols.offset, true), field(cols.offset, false),
        field(cols.event, true), field(cols.event, false), field(cols.category, true),
        field(cols.category, false), 0, out);
  }

  /** The start ({@code start}) or end of the field at {@code position}; -1 / 0 for none. */
  private int field(int position, boolean start) {
    return position < 0 ? (start ? -1 : 0) : start ? starts[position] : ends[position];
  }

  private void parseJson(byte[] b, int start, int end, Rows out) {
    if (json == null) {
      json = new JsonFactory();
      values = new String[FIELDS];
    }
    int[] record = {0};
    try (JsonParser p = json.createParser(b, start, end - start)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        out.skip(0, SkipReason.MALFORMED_JSON, "expected an object");
        return;
      }
      if (format.syntax() == LogFormat.Syntax.OTTO_JSON_LINES) {
        readOttoSession(p, record, out);
      } else {
        Arrays.fill(values, null);
        readFlatObject(p);
        emit(values, record[0]++, out);
      }
    } catch (IOException e) {
      boolean utf8 = String.valueOf(e.getMessage()).startsWith("Invalid UTF-8");
      out.skip(record[0]++, utf8 ? SkipReason.INVALID_UTF8 : SkipReason.MALFORMED_JSON, null);
    }
  }

  private void readFlatObject(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = DelimitedLine.normalizeName(p.currentName());
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        p.skipChildren();
        continue;
      }
      for (int i = 0; i < FIELDS; i++) {
        if (name.equals(wanted[i])) {
          values[i] = t == JsonToken.VALUE_NULL ? null : p.getText();
        }
      }
    }
  }

  private void readOttoSession(JsonParser p, int[] record, Rows out) throws IOException {
    String session = null;
    boolean sawEvents = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if ("session".equals(name) && t.isScalarValue()) {
        session = p.getText();
      } else if ("events".equals(name) && t == JsonToken.START_ARRAY) {
        if (session == null) {
          out.skip(record[0]++, SkipReason.MISSING_FIELD, "session (must come before events)");
          p.skipChildren();
          return;
        }
        sawEvents = true;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          Arrays.fill(values, null);
          readFlatObject(p);
          values[KEY] = session;
          emit(values, record[0]++, out);
        }
      } else {
        p.skipChildren();
      }
    }
    if (!sawEvents) {
      out.skip(record[0]++, SkipReason.MISSING_FIELD, session == null ? "session" : "events");
    }
  }

  /**
   * Parses one record given as text values by position ({@link #KEY} .. {@link #CATEGORY}, null
   * where absent), as a JSON-lines record with those keys: for columnar logs (Parquet).
   */
  public void parseValues(String[] record, Rows out) {
    if (row == null) {
      row = new ParsedRow();
    }
    emit(record, 0, out);
  }

  /** Lays the captured values out in one buffer and checks them like a delimited row. */
  private void emit(String[] values, int record, Rows out) {
    for (int i : new int[] {KEY, PRODUCT, TIME}) {
      if (values[i] == null) {
        out.skip(record, SkipReason.MISSING_FIELD, i == KEY ? format.keyColumn()
            : i == PRODUCT ? format.productColumn() : format.timeColumn());
        return;
      }
    }
    if (wanted[OFFSET] != null && values[OFFSET] == null) {
      out.skip(record, SkipReason.MISSING_FIELD, format.offsetColumn());
      return;
    }
    if (wanted[EVENT] != null && values[EVENT] == null) {
      out.skip(record, SkipReason.MISSING_FIELD, format.eventColumn());
      return;
    }
    int[] s = new int[FIELDS];
    int[] e = new int[FIELDS];
    int at = 0;
    if (scratch == null) {
      scratch = new byte[256];
    }
    for (int i = 0; i < FIELDS; i++) {
      if (values[i] == null) {
        s[i] = -1;
        continue;
      }
      byte[] v = values[i].getBytes(StandardCharsets.UTF_8);
      if (at + v.length > scratch.length) {
        scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, at + v.length));
      }
      System.arraycopy(v, 0, scratch, at, v.length);
      s[i] = at;
      at += v.length;
      e[i] = at;
    }
    check(scratch, s[KEY], e[KEY], s[CUSTOMER], e[CUSTOMER], s[PRODUCT], e[PRODUCT], s[TIME],
        e[TIME], s[OFFSET], e[OFFSET], s[EVENT], e[EVENT], s[CATEGORY], e[CATEGORY], record, out);
  }

  /** Checks one record's fields (a start of -1: the record has no such field). */
  private void check(byte[] b, int keyStart, int keyEnd, int customerStart, int customerEnd,
      int productStart, int productEnd, int timeStart, int timeEnd, int offsetStart,
      int offsetEnd, int eventStart, int eventEnd, int categoryStart, int categoryEnd,
      int record, Rows out) {
    int ks = DelimitedLine.trimStart(b, keyStart, keyEnd);
    int ke = DelimitedLine.trimEnd(b, ks, keyEnd);
    if (ks == ke || isMissing(b, ks, ke)) {
      out.skip(record, SkipReason.EMPTY_ID, format.keyColumn());
      return;
    }
    int ps = DelimitedLine.trimStart(b, productStart, productEnd);
    int pe = DelimitedLine.trimEnd(b, ps, productEnd);
    if (ps == pe || isMissing(b, ps, pe)) {
      out.skip(record, SkipReason.EMPTY_ID, format.productColumn());
      return;
    }
    int ts = DelimitedLine.trimStart(b, timeStart, timeEnd);
    int te = DelimitedLine.trimEnd(b, ts, timeEnd);
    long millis = format.timeFormat().parse(b, ts, te);
    if (millis != TimeFormat.INVALID && offsetStart >= 0) {
      int os = DelimitedLine.trimStart(b, offsetStart, offsetEnd);
      long offset = TimeFormat.parseLong(b, os, DelimitedLine.trimEnd(b, os, offsetEnd));
      if (offset == TimeFormat.INVALID || offset < 0) {
        out.skip(record, SkipReason.UNPARSEABLE_TIMESTAMP, format.offsetColumn());
        return;
      }
      millis += offset;
    }
    if (millis == TimeFormat.INVALID) {
      out.skip(record, SkipReason.UNPARSEABLE_TIMESTAMP, format.timeColumn());
      return;
    }
    if (!TimeFormat.isPlausible(millis)) {
      out.skip(record, SkipReason.IMPOSSIBLE_TIMESTAMP, format.timeColumn());
      return;
    }
    int code = -1;
    String type = EventTypes.VIEW;
    if (eventStart >= 0) {
      code = eventCode(b, eventStart, eventEnd);
      type = rawCanonical[code];
    }
    if (selectedEvents != null && !selectedEvents.contains(type)) {
      out.skip(record, SkipReason.EVENT_NOT_SELECTED, format.eventColumn());
      return;
    }
    ParsedRow r = row;
    r.bytes = b;
    r.keyStart = ks;
    r.keyEnd = ke;
    r.productStart = ps;
    r.productEnd = pe;
    r.millis = millis;
    r.type = type;
    r.typeCode = code;
    r.customerStart = -1;
    if (customerStart >= 0) {
      int cs = DelimitedLine.trimStart(b, customerStart, customerEnd);
      int ce = DelimitedLine.trimEnd(b, cs, customerEnd);
      if (cs < ce && !isMissing(b, cs, ce)) {
        r.customerStart = cs;
        r.customerEnd = ce;
      }
    }
    r.categoryStart = -1;
    if (categoryStart >= 0) {
      int cs = DelimitedLine.trimStart(b, categoryStart, categoryEnd);
      int ce = DelimitedLine.trimEnd(b, cs, categoryEnd);
      if (cs < ce && DelimitedLine.isUtf8(b, cs, ce)) {
        r.categoryStart = cs;
        r.categoryEnd = ce;
      }
    }
    out.row(record, r);
  }

  /** The number of a raw event name (trimmed), learning its canonical name on first sight. */
  private int eventCode(byte[] b, int s, int e) {
    s = DelimitedLine.trimStart(b, s, e);
    e = DelimitedLine.trimEnd(b, s, e);
    if (rawEvents == null) {
      rawEvents = new ByteDictionary();
      rawCanonical = new String[16];
    }
    int raw = rawEvents.find(b, s, e);
    if (raw >= 0) {
      return raw;
    }
    raw = rawEvents.ordinal(b, s, e);
    if (raw >= rawCanonical.length) {
      rawCanonical = Arrays.copyOf(rawCanonical, rawCanonical.length * 2);
    }
    rawCanonical[raw] = EventTypes.canonical(new String(b, s, e - s, StandardCharsets.UTF_8));
    return raw;
  }

  private boolean isMissing(byte[] b, int s, int e) {
    return missing != null && Arrays.equals(b, s, e, missing, 0, missing.length);
  }
}
