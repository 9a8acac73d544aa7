package dev.aisle.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits one line of delimited text into fields, in place. Follows RFC 4180 within a line: a field
 * that starts with a double quote runs to the closing quote, and a doubled quote inside stands for
 * one (the buffer is rewritten in place to drop it). Line breaks inside quotes are not supported;
 * such a row reports an unterminated quote.
 */
public final class DelimitedLine {
  /** Returned by {@link #split} for a line with an opening quote that is never closed. */
  public static final int UNTERMINATED_QUOTE = -1;

  private DelimitedLine() {}

  /**
   * Splits {@code b[start, end)} at {@code delimiter}, recording up to {@code starts.length}
   * fields.
   *
   * @return the number of fields recorded (never more than {@code starts.length}), or {@link
   *     #UNTERMINATED_QUOTE}
   */
  public static int split(byte[] b, int start, int end, byte delimiter, int[] starts, int[] ends) {
    int n = 0;
    int p = start;
    while (n < starts.length) {
      if (p < end && b[p] == '"') {
        int w = p + 1;
        int r = p + 1;
        boolean closed = false;
        while (r < end) {
          if (b[r] == '"') {
            if (r + 1 < end && b[r + 1] == '"') {
              b[w++] = '"';
              r += 2;
            } else {
              r++;
              closed = true;
              break;
            }
          } else {
            b[w++] = b[r++];
          }
        }
        if (!closed) {
          return UNTERMINATED_QUOTE;
        }
        starts[n] = p + 1;
        ends[n] = w;
        n++;
        p = r;
        while (p < end && b[p] != delimiter) {
          p++; // text after the closing quote is ignored, as spreadsheets do
        }
      } else {
        int s = p;
        while (p < end && b[p] != delimiter) {
          p++;
        }
        starts[n] = s;
        ends[n] = p;
        n++;
      }
      if (p >= end) {
        break;
      }
      p++; // the delimiter; a delimiter at the very end leaves one more, empty field
      if (p == end && n < starts.length) {
        starts[n] = end;
        ends[n] = end;
        n++;
        break;
      }
    }
    return n;
  }

  /** Counts the fields of a line without recording them (quotes respected). */
  public static int count(byte[] b, int start, int end, byte delimiter) {
    int n = 1;
    boolean quoted = false;
    for (int i = start; i < end; i++) {
      if (b[i] == '"') {
        quoted = !quoted;
      } else if (b[i] == delimiter && !quoted) {
        n++;
      }
    }
    return n;
  }

  /** The start of {@code b[start, end)} with ASCII blanks skipped. */
  public static int trimStart(byte[] b, int start, int end) {
    while (start < end && (b[start] == ' ' || b[start] == '\t')) {
      start++;
    }
    return start;
  }

  /** The end of {@code b[start, end)} with trailing ASCII blanks dropped. */
  public static int trimEnd(byte[] b, int start, int end) {
    while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
      end--;
    }
    return end;
  }

  /** True when {@code b[start, end)} is well-formed UTF-8; pure ASCII is checked without decoding. */
  public static boolean isUtf8(byte[] b, int start, int end) {
    boolean ascii = true;
    for (int i = start; i < end; i++) {
      if (b[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return true;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, start, end - start));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Lower-cases a header name and drops spaces, dashes and underscores: {@code Session_Id} gives {@code sessionid}. */
  public static String normalizeName(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\uFEFF' || c == ' ' || c == '_' || c == '-' || c == '"') {
        continue;
      }
      sb.append(Character.toLowerCase(c));
    }
    return sb.toString();
  }
}
