package dev.aisle.server;

import dev.aisle.events.EventLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the server keeps learning from while it runs.
 *
 * @param events where accepted events are stored before they are acknowledged
 * @param retrainHistory the file {@code aisle retrain} records its runs in ({@code GET
 *     /api/retrains}), or null
 * @param retrainEvery how often the server has retrains run, or null when a scheduler outside
 *     does it (or nothing)
 */
public record Learning(EventLog events, Path retrainHistory, Duration retrainEvery) {
  /** Events in memory only, no retrains. */
  public static final Learning NONE = new Learning(EventLog.NONE, null, null);

  public Learning {
    Objects.requireNonNull(events, "events");
  }
}
