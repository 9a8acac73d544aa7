package dev.aisle.session;

/**
 * The cleaning the field applies to sessions before training (session-rec's preprocessing, plus a
 * bot filter). {@link #none()} turns all of it off.
 *
 * @param collapseRepeats drop a view of the same product right after itself ({@code --repeats
 *     collapse})
 * @param minSessionLength drop sessions with fewer events, before and after the product filter
 * @param minProductCount drop products browsed fewer times over all sessions
 * @param botMaxSessionLength a customer with a longer session is a bot; 0 turns this off
 * @param botMaxRate a customer with a session of 10 or more events browsed faster than this many
 *     events a minute is a bot; 0 turns this off
 */
public record CleaningOptions(
    boolean collapseRepeats,
    int minSessionLength,
    int minProductCount,
    int botMaxSessionLength,
    double botMaxRate) {

  /** Defaults: keep repeats, sessions of 2+, products seen 5+ times, bots at 1000 events or 60/min. */
  public static final CleaningOptions DEFAULTS = new CleaningOptions(false, 2, 5, 1000, 60);

  /** Shortest session the rate rule looks at: a short burst of clicks is a person. */
  public static final int BOT_RATE_MIN_EVENTS = 10;

  public CleaningOptions {
    if (minSessionLength < 1) {
      throw new IllegalArgumentException("min session length must be >= 1, was " + minSessionLength);
    }
    if (minProductCount < 1) {
      throw new IllegalArgumentException("min product count must be >= 1, was " + minProductCount);
    }
    if (botMaxSessionLength < 0) {
      throw new IllegalArgumentException(
          "bot max session length must be >= 0 (0 = off), was " + botMaxSessionLength);
    }
    if (!(botMaxRate >= 0)) {
      throw new IllegalArgumentException("bot max rate must be >= 0 (0 = off), was " + botMaxRate);
    }
  }

  /** No cleaning at all: every parsed event is kept. */
  public static CleaningOptions none() {
    return new CleaningOptions(false, 1, 1, 0, 0);
  }
}
