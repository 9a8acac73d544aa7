package dev.aisle.events;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

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

  /**
   * Feeds {@code sink}, on a thread of the log's, the events other servers store from now on (a
   * log shared by several servers: Kafka); a log only this server writes has none.
   */
  default void follow(Consumer<Event> sink) {}

  /**
   * Running totals for {@code /metrics}, by name without the {@code aisle_event_log_} prefix
   * (e.g. {@code events_total}, {@code fsyncs_total}); empty for logs that keep none.
   */
  default Map<String, Supplier<Number>> counters() {
    return Map.of();
  }

  /** Where the log is, for logs and {@code /api/models}. */
  String describe();

  @Override
  void close();
}
