package dev.aisle.events;

import java.io.Closeable;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where accepted events are stored before they are acknowledged. Thread-safe: {@link #append}
 * is called by many request threads at once.
 */
public interface EventLog extends Closeable {
  /** No log: events live only in the server's memory (Aisle before the log existed). */
  EventLog NONE = new EventLog() {
    @Override
    public void append(List<Event> events) {}

    @Override
    public void replay(long sinceMillis, Consumer<Event> sink) {}

    @Override
    public String describe() {
      return "memory";
    }

    @Override
    public void close() {}
  };

  /**
   * Stores {@code events}, returning only once they are stored as the log's policy defines it.
   *
   * @throws EventLogUnavailableException when they could not be stored; none of them count as
   *     acknowledged (some may still be in the log: a client may retry)
   */
  void append(List<Event> events);

  /** Feeds {@code sink} the stored events with a time at or after {@code sinceMillis}, in log order. */
  void replay(long sinceMillis, Consumer<Event> sink);

  /** Where the log is, for logs and {@code /api/models}. */
  String describe();

  @Override
  void close();
}
