package dev.aisle.events;

/**
 * The log cannot take events now (the directory cannot be written, the disk is full, the broker
 * is down): the events were not stored and must not be acknowledged. The server answers 503.
 */
public final class EventLogUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EventLogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
