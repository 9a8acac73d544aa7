package dev.aisle.server.experiment;

/**
 * The counts of an interleaving experiment: mixed lists shown, and clicks, carts and purchases
 * credited to each model; and per list, which model won it (more credited clicks), lost or tied.
 *
 * <p>Not thread-safe: {@link Experiments} holds its lock.
 */
final class InterleaveTotals {
  long impressions;
  final long[] clicks = new long[2];
  final long[] carts = new long[2];
  final long[] purchases = new long[2];
  /** Lists each model won; {@code ties} had clicks on both, equally many. */
  final long[] wins = new long[2];
  long ties;

  /** Moves a list's outcome from its clicks before to its clicks after one more click. */
  void click(int team, int[] before) {
    clicks[team]++;
    outcome(before[0], before[1], -1);
    before[team]++;
    outcome(before[0], before[1], +1);
  }

  private void outcome(int a, int b, int delta) {
    if (a > b) {
      wins[0] += delta;
    } else if (b > a) {
      wins[1] += delta;
    } else if (a > 0) {
      ties += delta;
    }
  }
}
