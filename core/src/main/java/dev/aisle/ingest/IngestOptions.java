package dev.aisle.ingest;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What to read and how to group it.
 *
 * @param format where the fields are (a {@link Preset} or a custom mapping)
 * @param events canonical event types to keep (e.g. {@code view}), or null for all
 * @param sessionGap the pause that starts a new session when grouping by customer
 * @param strict stop at the first malformed row instead of skipping it
 */
public record IngestOptions(LogFormat format, Set<String> events, Duration sessionGap,
    boolean strict) {

  public IngestOptions {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(sessionGap, "sessionGap");
    if (sessionGap.isNegative() || sessionGap.isZero()) {
      throw new IllegalArgumentException("session gap must be positive, was " + sessionGap);
    }
    if (events != null) {
      if (events.isEmpty()) {
        throw new IllegalArgumentException("--events must name at least one event type");
      }
      events = Set.copyOf(events.stream().map(EventTypes::canonical).toList());
    }
  }
}
