package dev.aisle.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.aisle.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Reads JSON-lines browse logs with Jackson's streaming parser: flat objects whose keys are the
 * columns ({@code {"customer_id": "c1", "product_id": "p9", "timestamp": "..."}}), or OTTO's nested
 * sessions ({@code {"session": 1, "events": [{"aid": 9, "ts": 1659304800025, "type": "clicks"}]}}).
 * A line that is not valid JSON is one malformed row.
 */
final class JsonLinesLogReader implements LogReader {
  private static final int KEY = 0;
  private static final int CUSTOMER = 1;
  private static final int PRODUCT = 2;
  private static final int TIME = 3;
  private static final int OFFSET = 4;
  private static final int EVENT = 5;
  private static final int CATEGORY = 6;

  private final LogFormat format;
  private final JsonFactory factory = new JsonFactory();
  private final String[] wanted = new String[7];
  private final String[] values = new String[7];
  private byte[] scratch = new byte[256];

  JsonLinesLogReader(LogFormat format) {
    this.format = format;
    boolean session = format.grouping() == Grouping.SESSION;
    wanted[KEY] = norm(session ? format.sessionColumn() : format.customerColumn());
    wanted[CUSTOMER] = session ? norm(format.customerColumn()) : null;
    wanted[PRODUCT] = norm(format.productColumn());
    wanted[TIME] = norm(format.timeColumn());
    wanted[OFFSET] = norm(format.offsetColumn());
    wanted[EVENT] = norm(format.eventColumn());
    wanted[CATEGORY] = norm(format.categoryColumn());
  }

  private static String norm(String column) {
    return column == null ? null : DelimitedLine.normalizeName(column);
  }

  @Override
  public void read(Path file, RowSink sink, LongConsumer progress) {
    sink.beginFile(file.toString());
    boolean any = false;
    try (LineSource lines = LineSource.open(file, progress)) {
      while (lines.next()) {
        if (lines.start() == lines.end()) {
          continue;
        }
        any = true;
        long line = lines.lineNumber();
        try (JsonParser p = factory.createParser(lines.buffer(), lines.start(),
            lines.end() - lines.start())) {
          if (p.nextToken() != JsonToken.START_OBJECT) {
            sink.skip(SkipReason.MALFORMED_JSON, line, "expected an object");
            continue;
          }
          if (format.syntax() == LogFormat.Syntax.OTTO_JSON_LINES) {
            readOttoSession(p, sink, line);
          } else {
            Arrays.fill(values, null);
            readFlatObject(p);
            emit(sink, line);
          }
        } catch (IOException e) {
          boolean utf8 = String.valueOf(e.getMessage()).startsWith("Invalid UTF-8");
          sink.skip(utf8 ? SkipReason.INVALID_UTF8 : SkipReason.MALFORMED_JSON, line, null);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!any) {
      throw new BadInputException(file + ": empty file");
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
      for (int i = 0; i < wanted.length; i++) {
        if (name.equals(wanted[i])) {
          values[i] = t == JsonToken.VALUE_NULL ? null : p.getText();
        }
      }
    }
  }

  private void readOttoSession(JsonParser p, RowSink sink, long line) throws IOException {
    String session = null;
    boolean sawEvents = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if ("session".equals(name) && t.isScalarValue()) {
        session = p.getText();
      } else if ("events".equals(name) && t == JsonToken.START_ARRAY) {
        if (session == null) {
          sink.skip(SkipReason.MISSING_FIELD, line, "session (must come before events)");
          p.skipChildren();
          return;
        }
        sawEvents = true;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          Arrays.fill(values, null);
          readFlatObject(p);
          values[KEY] = session;
          emit(sink, line);
        }
      } else {
        p.skipChildren();
      }
    }
    if (!sawEvents) {
      sink.skip(SkipReason.MISSING_FIELD, line, session == null ? "session" : "events");
    }
  }

  /** Copies the captured values into one byte buffer and hands the ranges to the sink. */
  private void emit(RowSink sink, long line) {
    for (int i : new int[] {KEY, PRODUCT, TIME}) {
      if (values[i] == null) {
        String[] names = {keyColumn(), null, format.productColumn(), format.timeColumn()};
        sink.skip(SkipReason.MISSING_FIELD, line, names[i]);
        return;
      }
    }
    if (wanted[OFFSET] != null && values[OFFSET] == null) {
      sink.skip(SkipReason.MISSING_FIELD, line, format.offsetColumn());
      return;
    }
    int pos = 0;
    int[] starts = new int[values.length];
    int[] ends = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        starts[i] = -1;
        continue;
      }
      byte[] v = values[i].getBytes(StandardCharsets.UTF_8);
      if (pos + v.length > scratch.length) {
        scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, pos + v.length));
      }
      System.arraycopy(v, 0, scratch, pos, v.length);
      starts[i] = pos;
      pos += v.length;
      ends[i] = pos;
    }
    sink.bytes = scratch;
    sink.keyStart = starts[KEY];
    sink.keyEnd = ends[KEY];
    sink.customerStart = starts[CUSTOMER];
    sink.customerEnd = ends[CUSTOMER];
    sink.productStart = starts[PRODUCT];
    sink.productEnd = ends[PRODUCT];
    sink.timeStart = starts[TIME];
    sink.timeEnd = ends[TIME];
    sink.offsetStart = starts[OFFSET];
    sink.offsetEnd = ends[OFFSET];
    sink.eventStart = starts[EVENT];
    sink.eventEnd = ends[EVENT];
    if (wanted[EVENT] != null && starts[EVENT] < 0) {
      sink.skip(SkipReason.MISSING_FIELD, line, format.eventColumn());
      return;
    }
    sink.categoryStart = starts[CATEGORY];
    sink.categoryEnd = ends[CATEGORY];
    sink.accept(line);
  }

  private String keyColumn() {
    return format.grouping() == Grouping.SESSION ? format.sessionColumn() : format.customerColumn();
  }
}
