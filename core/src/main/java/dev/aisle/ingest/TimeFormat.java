package dev.aisle.ingest;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * How a timestamp field is written. Every format parses to epoch milliseconds (UTC); parsing works
 * on the raw bytes of the field so that ingest creates no garbage per row.
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>name</th><th>example</th><th>seen in</th></tr>
 *   <tr><td>{@code epoch-s}</td><td>{@code 1511544070}</td><td>Taobao UserBehavior</td></tr>
 *   <tr><td>{@code epoch-ms}</td><td>{@code 1659304800025}</td><td>OTTO, RetailRocket</td></tr>
 *   <tr><td>{@code epoch-float}</td><td>{@code 1396860669.277}</td><td>session-rec</td></tr>
 *   <tr><td>{@code iso}</td><td>{@code 2026-03-01T10:15:30Z}</td><td>Aisle's own log</td></tr>
 *   <tr><td>{@code date+offset-ms}</td><td>{@code 2016-05-09} + {@code 526309}</td>
 *       <td>DIGINETICA (eventdate + timeframe)</td></tr>
 * </table>
 */
public enum TimeFormat {
  EPOCH_S("epoch-s"),
  EPOCH_MS("epoch-ms"),
  EPOCH_FLOAT("epoch-float"),
  ISO("iso"),
  DATE_OFFSET_MS("date+offset-ms");

  /** Returned by the parse methods for a field that is not a timestamp in this format. */
  public static final long INVALID = Long.MIN_VALUE;

  /** 1990-01-01T00:00:00Z: the earliest time Aisle accepts as a real browse event. */
  public static final long EARLIEST_PLAUSIBLE_MS = 631_152_000_000L;

  /** 2100-01-01T00:00:00Z: the first time Aisle rejects as impossible. */
  public static final long LATEST_PLAUSIBLE_MS = 4_102_444_800_000L;

  private final String label;

  TimeFormat(String label) {
    this.label = label;
  }

  /** The name used on the command line, e.g. {@code epoch-ms}. */
  public String label() {
    return label;
  }

  /** Parses a command-line name such as {@code epoch-s}; the error lists the accepted names. */
  public static TimeFormat fromLabel(String label) {
    for (TimeFormat f : values()) {
      if (f.label.equalsIgnoreCase(label)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown time format '" + label + "'; use one of epoch-s, epoch-ms, epoch-float, iso, date+offset-ms");
  }

  /** True when {@code millis} lies in [1990, 2100), the range of plausible browse events. */
  public static boolean isPlausible(long millis) {
    return millis >= EARLIEST_PLAUSIBLE_MS && millis < LATEST_PLAUSIBLE_MS;
  }

  /**
   * Parses {@code b[start, end)} into epoch milliseconds, or returns {@link #INVALID}. For {@link
   * #DATE_OFFSET_MS} this parses the date part only; add the offset with {@link #parseLong}.
   */
  public long parse(byte[] b, int start, int end) {
    switch (this) {
      case EPOCH_S:
        {
          long s = parseLong(b, start, end);
          return s == INVALID || Math.abs(s) > Long.MAX_VALUE / 1000 ? INVALID : s * 1000;
        }
      case EPOCH_MS:
        return parseLong(b, start, end);
      case EPOCH_FLOAT:
        return parseEpochFloat(b, start, end);
      case ISO:
        return parseIso(b, start, end);
      case DATE_OFFSET_MS:
        return parseDate(b, start, end);
      default:
        throw new AssertionError(this);
    }
  }

  /** Parses an optionally signed decimal integer, or returns {@link #INVALID}. */
  public static long parseLong(byte[] b, int start, int end) {
    if (start >= end) {
      return INVALID;
    }
    boolean negative = b[start] == '-';
    int i = negative || b[start] == '+' ? start + 1 : start;
    if (i == end || end - i > 18) {
      return INVALID;
    }
    long v = 0;
    for (; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return INVALID;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  private static long parseEpochFloat(byte[] b, int start, int end) {
    int dot = start;
    while (dot < end && b[dot] != '.') {
      dot++;
    }
    long seconds = parseLong(b, start, dot);
    if (seconds == INVALID || seconds < 0 || seconds > Long.MAX_VALUE / 1000) {
      return INVALID;
    }
    long millis = 0;
    int scale = 100;
    for (int i = dot + 1; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return INVALID;
      }
      millis += d * scale;
      scale /= 10;
    }
    return seconds * 1000 + millis;
  }

  private static int digits(byte[] b, int at, int n) {
    int v = 0;
    for (int i = at; i < at + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
  static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097L + doe - 719468;
  }

  private static boolean validDate(int year, int month, int day) {
    if (year < 0 || month < 1 || month > 12 || day < 1) {
      return false;
    }
    int[] lengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int max = month == 2 && leap ? 29 : lengths[month - 1];
    return day <= max;
  }

  private static long parseDate(byte[] b, int start, int end) {
    if (end - start != 10 || b[start + 4] != '-' || b[start + 7] != '-') {
      return INVALID;
    }
    int y = digits(b, start, 4);
    int m = digits(b, start + 5, 2);
    int d = digits(b, start + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !validDate(y, m, d)) {
      return INVALID;
    }
    return epochDay(y, m, d) * 86_400_000L;
  }

  /**
   * ISO-8601 date-times. The fast path reads {@code YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|+HH:MM]}
   * directly; anything else ({@code LocalDate}, odd precision) goes through {@code java.time}.
   * Times without an offset are taken as UTC.
   */
  private static long parseIso(byte[] b, int start, int end) {
    int n = end - start;
    if (n >= 19
        && b[start + 4] == '-'
        && b[start + 7] == '-'
        && (b[start + 10] == 'T' || b[start + 10] == ' ')
        && b[start + 13] == ':'
        && b[start + 16] == ':') {
      int y = digits(b, start, 4);
      int mo = digits(b, start + 5, 2);
      int d = digits(b, start + 8, 2);
      int h = digits(b, start + 11, 2);
      int mi = digits(b, start + 14, 2);
      int s = digits(b, start + 17, 2);
      if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) {
        return INVALID;
      }
      if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) {
        return INVALID;
      }
      int i = start + 19;
      int millis = 0;
      if (i < end && b[i] == '.') {
        i++;
        int scale = 100;
        int digitsSeen = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
          millis += (b[i] - '0') * scale;
          scale /= 10;
          i++;
          digitsSeen++;
        }
        if (digitsSeen == 0) {
          return INVALID;
        }
      }
      long offsetMs = 0;
      if (i < end) {
        if (b[i] == 'Z' && i + 1 == end) {
          i++;
        } else if ((b[i] == '+' || b[i] == '-') && end - i == 6 && b[i + 3] == ':') {
          int oh = digits(b, i + 1, 2);
          int om = digits(b, i + 4, 2);
          if (oh < 0 || om < 0 || oh > 18 || om > 59) {
            return INVALID;
          }
          offsetMs = (oh * 3600L + om * 60L) * 1000L * (b[i] == '+' ? 1 : -1);
          i = end;
        } else {
          return parseIsoSlow(b, start, end);
        }
      }
      return (epochDay(y, mo, d) * 86_400L + h * 3600L + mi * 60L + s) * 1000L + millis - offsetMs;
    }
    return parseIsoSlow(b, start, end);
  }

  private static long parseIsoSlow(byte[] b, int start, int end) {
    String s = new String(b, start, end - start, StandardCharsets.UTF_8).trim();
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeException e) {
      // not an offset date-time; try the forms without an offset below
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeException e) {
      // not a local date-time either
    }
    try {
      return LocalDate.parse(s).toEpochDay() * 86_400_000L;
    } catch (DateTimeException e) {
      return INVALID;
    }
  }

  @Override
  public String toString() {
    return label.toLowerCase(Locale.ROOT);
  }
}
