package dev.aisle.spark.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.aisle.ingest.DelimitedLine;
import dev.aisle.ingest.EventTypes;
import dev.aisle.ingest.Grouping;
import dev.aisle.ingest.LogFormat;
import dev.aisle.ingest.SkipReason;
import dev.aisle.ingest.TimeFormat;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Parses one line of a browse log into {@link ParsedRows} rows, with the validation of {@code
 * aisle ingest} step for step (its {@code RowSink}, delimited and JSON-lines readers): the same
 * trimming, the same checks in the same order, the same skip reasons and fields. Ids are decoded
 * as UTF-8 only after they are checked to be valid UTF-8, as ingest does.
 *
 * <p>Not thread-safe: one instance per task.
 */
final class LineParser implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int KEY = 0;
  private static final int CUSTOMER = 1;
  private static final int PRODUCT = 2;
  private static final int TIME = 3;
  private static final int OFFSET = 4;
  private static final int EVENT = 5;
  private static final int CATEGORY = 6;

  private transient LogFormat format; // not Serializable: written field by field
  private final Set<String> selectedEvents;
  private final ColumnLayout cols; // null for JSON lines
  private final byte[] missing;
  private final String[] wanted = new String[7];
  private transient JsonFactory json;
  private transient int[] starts;
  private transient int[] ends;

  // the field ranges of the current row, as RowSink has them; a start of -1 = no such field
  private transient byte[] bytes;
  private transient int keyStart;
  private transient int keyEnd;
  private transient int customerStart;
  private transient int customerEnd;
  private transient int productStart;
  private transient int productEnd;
  private transient int timeStart;
  private transient int timeEnd;
  private transient int offsetStart;
  private transient int offsetEnd;
  private transient int eventStart;
  private transient int eventEnd;
  private transient int categoryStart;
  private transient int categoryEnd;

  /**
   * @param selectedEvents canonical event names to keep, or null for all
   * @param cols the file's columns (delimited logs), or null for JSON lines
   */
  LineParser(LogFormat format, Set<String> selectedEvents, ColumnLayout cols) {
    this.format = format;
    this.selectedEvents = selectedEvents;
    this.cols = cols;
    this.missing = format.missingValue() == null ? null
        : format.missingValue().getBytes(StandardCharsets.UTF_8);
    boolean session = format.grouping() == Grouping.SESSION;
    wanted[KEY] = norm(session ? format.sessionColumn() : format.customerColumn());
    wanted[CUSTOMER] = session ? norm(format.customerColumn()) : null;
    wanted[PRODUCT] = norm(format.productColumn());
    wanted[TIME] = norm(format.timeColumn());
    wanted[OFFSET] = norm(format.offsetColumn());
    wanted[EVENT] = norm(format.eventColumn());
    wanted[CATEGORY] = norm(format.categoryColumn());
  }

  private void writeObject(java.io.ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    LogFormat f = format;
    out.writeObject(new Object[] {f.name(), f.syntax(), f.delimiter(), f.header(), f.grouping(),
        f.sessionColumn(), f.customerColumn(), f.productColumn(), f.timeColumn(),
        f.offsetColumn(), f.eventColumn(), f.categoryColumn(), f.timeFormat(), f.missingValue()});
  }

  private void readObject(java.io.ObjectInputStream in)
      throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    Object[] v = (Object[]) in.readObject();
    format = new LogFormat((String) v[0], (LogFormat.Syntax) v[1], (Character) v[2],
        (Boolean) v[3], (Grouping) v[4], (String) v[5], (String) v[6], (String) v[7],
        (String) v[8], (String) v[9], (String) v[10], (String) v[11], (TimeFormat) v[12],
        (String) v[13]);
  }

  private static String norm(String column) {
    return column == null ? null : DelimitedLine.normalizeName(column);
  }

  /**
   * Parses the line {@code b[0, len)} (no line terminator) into {@code out}; a blank line adds
   * nothing. The buffer may be rewritten.
   */
  void parse(int file, long pos, byte[] b, int len, List<Row> out) {
    if (len == 0) {
      return; // blank lines carry nothing
    }
    if (cols != null) {
      parseDelimited(file, pos, b, len, out);
    } else {
      parseJson(file, pos, b, len, out);
    }
  }

  private void parseDelimited(int file, long pos, byte[] b, int len, List<Row> out) {
    if (starts == null) {
      starts = new int[cols.max + 1];
      ends = new int[cols.max + 1];
    }
    int n = DelimitedLine.split(b, 0, len, (byte) format.delimiter(), starts, ends);
    if (n == DelimitedLine.UNTERMINATED_QUOTE) {
      out.add(skip(file, pos, 0, SkipReason.UNTERMINATED_QUOTE, null));
      return;
    }
    if (n <= cols.max) {
      out.add(skip(file, pos, 0, SkipReason.MISSING_FIELD, cols.nameOf(n)));
      return;
    }
    bytes = b;
    keyStart = starts[cols.key];
    keyEnd = ends[cols.key];
    customerStart = cols.customer < 0 ? -1 : starts[cols.customer];
    customerEnd = cols.customer < 0 ? 0 : ends[cols.customer];
    offsetStart = cols.offset < 0 ? -1 : starts[cols.offset];
    offsetEnd = cols.offset < 0 ? 0 : ends[cols.offset];
    eventStart = cols.event < 0 ? -1 : starts[cols.event];
    eventEnd = cols.event < 0 ? 0 : ends[cols.event];
    categoryStart = cols.category < 0 ? -1 : starts[cols.category];
    categoryEnd = cols.category < 0 ? 0 : ends[cols.category];
    productStart = starts[cols.product];
    productEnd = ends[cols.product];
    timeStart = starts[cols.time];
    timeEnd = ends[cols.time];
    out.add(accept(file, pos, 0));
  }

  private void parseJson(int file, long pos, byte[] b, int len, List<Row> out) {
    if (json == null) {
      json = new JsonFactory();
    }
    int[] sub = {0};
    try (JsonParser p = json.createParser(b, 0, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        out.add(skip(file, pos, 0, SkipReason.MALFORMED_JSON, "expected an object"));
        return;
      }
      String[] values = new String[7];
      if (format.syntax() == LogFormat.Syntax.OTTO_JSON_LINES) {
        readOttoSession(p, file, pos, values, sub, out);
      } else {
        readFlatObject(p, values);
        emit(file, pos, sub[0]++, values, out);
      }
    } catch (IOException e) {
      boolean utf8 = String.valueOf(e.getMessage()).startsWith("Invalid UTF-8");
      out.add(skip(file, pos, sub[0]++, utf8 ? SkipReason.INVALID_UTF8
          : SkipReason.MALFORMED_JSON, null));
    }
  }

  private void readFlatObject(JsonParser p, String[] values) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = DelimitedLine.normalizeName(p.currentName());
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        p.skipChildren();
        continue;
      }
      for (int i = 0; i < wanted.length; i++) {
        if (name.equals(wanted[i])) {
          values[i] = t == JsonToken.VALUE_NULL ? null : p.getText();
        }
      }
    }
  }

  private void readOttoSession(JsonParser p, int file, long pos, String[] values, int[] sub,
      List<Row> out) throws IOException {
    String session = null;
    boolean sawEvents = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if ("session".equals(name) && t.isScalarValue()) {
        session = p.getText();
      } else if ("events".equals(name) && t == JsonToken.START_ARRAY) {
        if (session == null) {
          out.add(skip(file, pos, sub[0]++, SkipReason.MISSING_FIELD,
              "session (must come before events)"));
          p.skipChildren();
          return;
        }
        sawEvents = true;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          Arrays.fill(values, null);
          readFlatObject(p, values);
          values[KEY] = session;
          emit(file, pos, sub[0]++, values, out);
        }
      } else {
        p.skipChildren();
      }
    }
    if (!sawEvents) {
      out.add(skip(file, pos, sub[0]++, SkipReason.MISSING_FIELD,
          session == null ? "session" : "events"));
    }
  }

  /**
   * Parses one record of a columnar log (Parquet), given as text values in the order key,
   * customer, product, time, offset, event, category (null where absent), exactly as a JSON-lines
   * record with those keys.
   */
  void parseValues(int file, long pos, String[] values, List<Row> out) {
    emit(file, pos, 0, values, out);
  }

  /** Lays the captured JSON values out in one buffer and validates them like a delimited row. */
  private void emit(int file, long pos, int sub, String[] values, List<Row> out) {
    for (int i : new int[] {KEY, PRODUCT, TIME}) {
      if (values[i] == null) {
        String[] names = {ColumnLayout.keyColumn(format), null, format.productColumn(),
            format.timeColumn()};
        out.add(skip(file, pos, sub, SkipReason.MISSING_FIELD, names[i]));
        return;
      }
    }
    if (wanted[OFFSET] != null && values[OFFSET] == null) {
      out.add(skip(file, pos, sub, SkipReason.MISSING_FIELD, format.offsetColumn()));
      return;
    }
    int[] s = new int[values.length];
    int[] e = new int[values.length];
    byte[][] parts = new byte[values.length][];
    int total = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        parts[i] = values[i].getBytes(StandardCharsets.UTF_8);
        total += parts[i].length;
      }
    }
    byte[] buf = new byte[total];
    int at = 0;
    for (int i = 0; i < values.length; i++) {
      if (parts[i] == null) {
        s[i] = -1;
        continue;
      }
      System.arraycopy(parts[i], 0, buf, at, parts[i].length);
      s[i] = at;
      at += parts[i].length;
      e[i] = at;
    }
    bytes = buf;
    keyStart = s[KEY];
    keyEnd = e[KEY];
    customerStart = s[CUSTOMER];
    customerEnd = e[CUSTOMER];
    productStart = s[PRODUCT];
    productEnd = e[PRODUCT];
    timeStart = s[TIME];
    timeEnd = e[TIME];
    offsetStart = s[OFFSET];
    offsetEnd = e[OFFSET];
    eventStart = s[EVENT];
    eventEnd = e[EVENT];
    if (wanted[EVENT] != null && s[EVENT] < 0) {
      out.add(skip(file, pos, sub, SkipReason.MISSING_FIELD, format.eventColumn()));
      return;
    }
    categoryStart = s[CATEGORY];
    categoryEnd = e[CATEGORY];
    out.add(accept(file, pos, sub));
  }

  /** RowSink.accept: validates the current ranges into an event or a skip. */
  private Row accept(int file, long pos, int sub) {
    byte[] b = bytes;
    int ks = DelimitedLine.trimStart(b, keyStart, keyEnd);
    int ke = DelimitedLine.trimEnd(b, ks, keyEnd);
    String keyColumn = ColumnLayout.keyColumn(format);
    if (ks == ke || isMissing(b, ks, ke)) {
      return skip(file, pos, sub, SkipReason.EMPTY_ID, keyColumn);
    }
    int ps = DelimitedLine.trimStart(b, productStart, productEnd);
    int pe = DelimitedLine.trimEnd(b, ps, productEnd);
    if (ps == pe || isMissing(b, ps, pe)) {
      return skip(file, pos, sub, SkipReason.EMPTY_ID, format.productColumn());
    }
    int ts = DelimitedLine.trimStart(b, timeStart, timeEnd);
    int te = DelimitedLine.trimEnd(b, ts, timeEnd);
    long millis = format.timeFormat().parse(b, ts, te);
    if (millis != TimeFormat.INVALID && offsetStart >= 0) {
      int os = DelimitedLine.trimStart(b, offsetStart, offsetEnd);
      long offset = TimeFormat.parseLong(b, os, DelimitedLine.trimEnd(b, os, offsetEnd));
      if (offset == TimeFormat.INVALID || offset < 0) {
        return skip(file, pos, sub, SkipReason.UNPARSEABLE_TIMESTAMP, format.offsetColumn());
      }
      millis += offset;
    }
    if (millis == TimeFormat.INVALID) {
      return skip(file, pos, sub, SkipReason.UNPARSEABLE_TIMESTAMP, format.timeColumn());
    }
    if (!TimeFormat.isPlausible(millis)) {
      return skip(file, pos, sub, SkipReason.IMPOSSIBLE_TIMESTAMP, format.timeColumn());
    }
    String type;
    if (eventStart >= 0) {
      int es = DelimitedLine.trimStart(b, eventStart, eventEnd);
      int ee = DelimitedLine.trimEnd(b, es, eventEnd);
      type = EventTypes.canonical(new String(b, es, ee - es, StandardCharsets.UTF_8));
    } else {
      type = EventTypes.VIEW;
    }
    if (selectedEvents != null && !selectedEvents.contains(type)) {
      return skip(file, pos, sub, SkipReason.EVENT_NOT_SELECTED, format.eventColumn());
    }
    if (!DelimitedLine.isUtf8(b, ks, ke)) {
      return row(file, pos, sub, ParsedRows.TYPED, SkipReason.INVALID_UTF8, keyColumn, null, null,
          null, millis, type, null);
    }
    String key = new String(b, ks, ke - ks, StandardCharsets.UTF_8);
    if (!DelimitedLine.isUtf8(b, ps, pe)) {
      return row(file, pos, sub, ParsedRows.KEYED, SkipReason.INVALID_UTF8,
          format.productColumn(), key, null, null, millis, type, null);
    }
    String product = new String(b, ps, pe - ps, StandardCharsets.UTF_8);
    String customer = null;
    if (customerStart >= 0 && format.grouping() == Grouping.SESSION) {
      int cs = DelimitedLine.trimStart(b, customerStart, customerEnd);
      int ce = DelimitedLine.trimEnd(b, cs, customerEnd);
      if (cs < ce && !isMissing(b, cs, ce)) {
        if (!DelimitedLine.isUtf8(b, cs, ce)) {
          return row(file, pos, sub, ParsedRows.KEYED, SkipReason.INVALID_UTF8,
              format.customerColumn(), key, null, product, millis, type, null);
        }
        customer = new String(b, cs, ce - cs, StandardCharsets.UTF_8);
      }
    }
    String category = null;
    if (categoryStart >= 0) {
      int cs = DelimitedLine.trimStart(b, categoryStart, categoryEnd);
      int ce = DelimitedLine.trimEnd(b, cs, categoryEnd);
      if (cs < ce && DelimitedLine.isUtf8(b, cs, ce)) {
        category = new String(b, cs, ce - cs, StandardCharsets.UTF_8);
      }
    }
    return row(file, pos, sub, ParsedRows.ACCEPTED, null, null, key, customer, product, millis,
        type, category);
  }

  private boolean isMissing(byte[] b, int s, int e) {
    return missing != null && Arrays.equals(b, s, e, missing, 0, missing.length);
  }

  private static Row skip(int file, long pos, int sub, SkipReason reason, String field) {
    return row(file, pos, sub, ParsedRows.SKIPPED, reason, field, null, null, null, null, null,
        null);
  }

  private static Row row(int file, long pos, int sub, int stage, SkipReason reason, String field,
      String key, String customer, String product, Long ts, String type, String category) {
    return RowFactory.create(file, pos, sub, stage, reason == null ? null : reason.name(), field,
        key, customer, product, ts, type, category);
  }
}
