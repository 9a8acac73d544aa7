package dev.aisle.events;

import java.util.Locale;

/** When an appended event counts as stored. */
public enum FsyncPolicy {
  /** After an fsync that covered it: survives a power cut. */
  ALWAYS,
  /** After the write reached the operating system; an fsync every interval. */
  INTERVAL;

  /** Parses {@code always} or {@code interval}. */
  public static FsyncPolicy parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fsync must be always or interval, was '" + s + "'");
    }
  }
}
