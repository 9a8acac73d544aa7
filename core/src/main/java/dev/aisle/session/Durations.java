package dev.aisle.session;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as users write them: {@code 30m}, {@code 90s}, {@code 1h30m}, {@code 2d} or {@code PT30M}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses {@code value}.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("p")) {
      try {
        return Duration.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 duration", e);
      }
    }
    Matcher m = PART.matcher(v);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms": total = total.plusMillis(n); break;
        case "s": total = total.plusSeconds(n); break;
        case "m": total = total.plusMinutes(n); break;
        case "h": total = total.plusHours(n); break;
        default: total = total.plusDays(n); break;
      }
      end = m.end();
    }
    if (end == 0 || end != v.length()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a duration; write e.g. 30m, 90s, 1h30m or 2d");
    }
    return total;
  }
}
