package dev.aisle.ingest;

import dev.aisle.BadInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts every event that ingest skips, by reason, and keeps the first few malformed rows as
 * {@code FILE:LINE: reason (field)} lines. With {@code strict} the first malformed row throws a
 * {@link BadInputException} with that same line instead.
 *
 * <p>Not thread-safe.
 */
public final class IngestReport {
  /** How many example lines are kept for the summary. */
  public static final int MAX_EXAMPLES = 10;

  private final boolean strict;
  private final long[] skippedEvents = new long[SkipReason.values().length];
  private final long[] removedSessions = new long[SkipReason.values().length];
  private final List<String> examples = new ArrayList<>();

  public IngestReport(boolean strict) {
    this.strict = strict;
  }

  /**
   * Records one skipped input row.
   *
   * @throws BadInputException under strict mode, for a malformed row
   */
  public void skipRow(SkipReason reason, String file, long line, String field) {
    skippedEvents[reason.ordinal()]++;
    if (reason.malformed()) {
      String where = String.format(Locale.ROOT, "%s:%d: %s", file, line, reason.description());
      String message = field == null ? where : where + " (" + field + ")";
      if (strict) {
        throw new BadInputException(message);
      }
      if (examples.size() < MAX_EXAMPLES) {
        examples.add(message);
      }
    }
  }

  /** Records events removed by a cleaning rule, with the whole sessions that went with them. */
  public void removed(SkipReason reason, long events, long sessions) {
    skippedEvents[reason.ordinal()] += events;
    removedSessions[reason.ordinal()] += sessions;
  }

  /** Skipped events by reason, in the order of {@link SkipReason}, zero counts left out. */
  public Map<SkipReason, Long> skippedEvents() {
    return nonZero(skippedEvents);
  }

  /** Whole sessions removed by reason, zero counts left out. */
  public Map<SkipReason, Long> removedSessions() {
    return nonZero(removedSessions);
  }

  /** The number of malformed rows. */
  public long malformedRows() {
    long n = 0;
    for (SkipReason r : SkipReason.values()) {
      if (r.malformed()) {
        n += skippedEvents[r.ordinal()];
      }
    }
    return n;
  }

  /** The first {@value #MAX_EXAMPLES} malformed rows as {@code FILE:LINE: reason (field)}. */
  public List<String> examples() {
    return Collections.unmodifiableList(examples);
  }

  private static Map<SkipReason, Long> nonZero(long[] counts) {
    Map<SkipReason, Long> m = new EnumMap<>(SkipReason.class);
    for (SkipReason r : SkipReason.values()) {
      if (counts[r.ordinal()] > 0) {
        m.put(r, counts[r.ordinal()]);
      }
    }
    return m;
  }
}
