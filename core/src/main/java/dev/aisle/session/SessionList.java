package dev.aisle.session;

/**
 * Sessions as runs of event indices: session {@code s} is {@code events[offsets[s] ..
 * offsets[s + 1])}, its events in time order. The indices point into whatever table the events came
 * from; this class holds no event data itself.
 */
public final class SessionList {
  private final int[] events;
  private final int[] offsets;
  private final int count;

  SessionList(int[] events, int[] offsets, int count) {
    this.events = events;
    this.offsets = offsets;
    this.count = count;
  }

  public int count() {
    return count;
  }

  /** The index of the first event of session {@code s} in {@link #events()}. */
  public int start(int s) {
    return offsets[s];
  }

  /** One past the last event of session {@code s} in {@link #events()}. */
  public int end(int s) {
    return offsets[s + 1];
  }

  public int length(int s) {
    return offsets[s + 1] - offsets[s];
  }

  /** The event index at position {@code i} of the concatenated sessions. */
  public int event(int i) {
    return events[i];
  }

  /** Total events over all sessions. */
  public int eventCount() {
    return offsets[count];
  }
}
