package dev.aisle.ingest;

/** How events become sessions. */
public enum Grouping {
  /** The log carries session ids: each id is one session, its events ordered by time. */
  SESSION,
  /**
   * The log carries customer ids: each customer's events are ordered by time and cut into sessions
   * wherever the pause between two events exceeds the session gap.
   */
  CUSTOMER
}
