package dev.aisle.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One event as a line of the log: Aisle's CSV columns and the line's CRC32C, see the package
 * documentation. Fields with a comma or a quote are quoted as CSV quotes them.
 */
public final class EventLine {
  /** The first line of every segment. */
  public static final String HEADER = "customer_id,product_id,timestamp,event,crc32c\n";

  /** {@link #HEADER} as bytes. */
  public static final byte[] HEADER_BYTES = HEADER.getBytes(StandardCharsets.UTF_8);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EventLine() {}

  /** The line for {@code event}, with its checksum and newline. */
  public static byte[] encode(Event event) {
    StringBuilder b = new StringBuilder(64);
    field(b, event.customer());
    b.append(',');
    field(b, event.product());
    b.append(',').append(Instant.ofEpochMilli(event.millis())).append(',').append(event.type());
    byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
    long crc = crc(body, 0, body.length);
    byte[] line = java.util.Arrays.copyOf(body, body.length + 10);
    line[body.length] = ',';
    for (int i = 0; i < 8; i++) { // eight lower-case hex digits, as decode reads them
      line[body.length + 1 + i] = (byte) HEX[(int) (crc >>> (28 - 4 * i)) & 0xF];
    }
    line[line.length - 1] = '\n';
    return line;
  }

  /**
   * The event of the line {@code b[start, end)} (without its newline), or null when its checksum
   * does not match or it is not an event line: a torn or damaged line.
   */
  public static Event decode(byte[] b, int start, int end) {
    if (end - start < 10 || b[end - 9] != ',') {
      return null;
    }
    long want = crc(b, start, end - 9);
    long got = 0;
    for (int i = end - 8; i < end; i++) {
      int d = b[i] >= '0' && b[i] <= '9' ? b[i] - '0' : b[i] >= 'a' && b[i] <= 'f' ? b[i] - 'a' + 10
          : -1;
      if (d < 0) {
        return null; // lower-case hex only, as written: one spelling for one checksum
      }
      got = got << 4 | d;
    }
    if (want != got) {
      return null;
    }
    List<String> fields = split(new String(b, start, end - 9 - start, StandardCharsets.UTF_8));
    if (fields == null || fields.size() != 4) {
      return null;
    }
    try {
      return new Event(fields.get(0), fields.get(1), Instant.parse(fields.get(2)).toEpochMilli(),
          fields.get(3));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return null;
    }
  }

  private static long crc(byte[] b, int start, int end) {
    CRC32C c = new CRC32C();
    c.update(b, start, end - start);
    return c.getValue();
  }

  private static void field(StringBuilder b, String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0) {
      b.append(value);
      return;
    }
    b.append('"').append(value.replace("\"", "\"\"")).append('"');
  }

  /** Splits a CSV line with quotes; null when a quote is not closed. */
  private static List<String> split(String line) {
    List<String> out = new ArrayList<>(4);
    StringBuilder cur = new StringBuilder();
    int i = 0;
    while (true) {
      cur.setLength(0);
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= line.length()) {
            return null;
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < line.length() && line.charAt(i) == '"') {
              cur.append('"');
              i++;
            } else {
              break;
            }
          } else {
            cur.append(c);
          }
        }
      }
      while (i < line.length() && line.charAt(i) != ',') {
        cur.append(line.charAt(i++));
      }
      out.add(cur.toString());
      if (i >= line.length()) {
        return out;
      }
      i++;
    }
  }
}
