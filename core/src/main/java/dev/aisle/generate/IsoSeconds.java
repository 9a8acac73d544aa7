package dev.aisle.generate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes epoch seconds as ISO-8601 UTC, {@code 2026-01-05T10:15:30Z}, straight into a byte buffer:
 * the date part of each day of the period is formatted once and copied, the time of day is integer
 * arithmetic. Exactly {@link #LENGTH} bytes per timestamp. Holds no mutable state: thread-safe.
 */
final class IsoSeconds {
  /** Bytes written per timestamp. */
  static final int LENGTH = 20;

  private static final byte[] TWO_DIGITS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      TWO_DIGITS[2 * i] = (byte) ('0' + i / 10);
      TWO_DIGITS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  private final long firstSecond;
  private final byte[][] datePrefix;

  /** A formatter for times in {@code [first, first + days)} days, UTC. */
  IsoSeconds(LocalDate first, int days) {
    this.firstSecond = first.toEpochDay() * 86_400L;
    this.datePrefix = new byte[days][];
    for (int d = 0; d < days; d++) {
      datePrefix[d] = (first.plusDays(d) + "T").getBytes(StandardCharsets.US_ASCII);
      if (datePrefix[d].length != 11) {
        throw new IllegalArgumentException("year outside 0000..9999: " + first.plusDays(d));
      }
    }
  }

  /**
   * Writes {@code epochSecond} at {@code b[at]} and returns the position after it.
   *
   * @throws ArrayIndexOutOfBoundsException for a time outside the period
   */
  int write(byte[] b, int at, long epochSecond) {
    long rel = epochSecond - firstSecond;
    if (rel < 0) {
      throw new ArrayIndexOutOfBoundsException("time before the period: " + epochSecond);
    }
    int day = (int) (rel / 86_400);
    int sod = (int) (rel - day * 86_400L);
    System.arraycopy(datePrefix[day], 0, b, at, 11);
    int h = sod / 3600;
    int m = (sod / 60) % 60;
    int s = sod % 60;
    b[at + 11] = TWO_DIGITS[2 * h];
    b[at + 12] = TWO_DIGITS[2 * h + 1];
    b[at + 13] = ':';
    b[at + 14] = TWO_DIGITS[2 * m];
    b[at + 15] = TWO_DIGITS[2 * m + 1];
    b[at + 16] = ':';
    b[at + 17] = TWO_DIGITS[2 * s];
    b[at + 18] = TWO_DIGITS[2 * s + 1];
    b[at + 19] = 'Z';
    return at + LENGTH;
  }
}
