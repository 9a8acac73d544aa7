package dev.aisle.eval;

import dev.aisle.corpus.Corpus;
import java.time.Duration;
import java.util.Locale;

/**
 * Splits one corpus by time: sessions that start in the last {@code N} days are the test part,
 * the rest the training part. Sessions are in start-time order, so this is a cut, not a shuffle.
 *
 * @param train sessions starting before the cut
 * @param test sessions starting at or after the cut
 * @param cutMillis the epoch-ms time of the cut
 */
public record TimeSplit(Corpus train, Corpus test, long cutMillis) {

  /** Test = sessions starting within {@code days} of the corpus's last event. */
  public static TimeSplit lastDays(Corpus corpus, double days) {
    if (!(days > 0)) {
      throw new IllegalArgumentException("last-days must be > 0, was " + days);
    }
    long last = Long.MIN_VALUE;
    for (int e = 0; e < corpus.eventCount(); e++) {
      last = Math.max(last, corpus.time(e));
    }
    long cut = last - (long) (days * Duration.ofDays(1).toMillis());
    int first = 0;
    while (first < corpus.sessionCount() && corpus.sessionTime(first) < cut) {
      first++;
    }
    if (first == 0 || first == corpus.sessionCount()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "last-days=%s leaves %s: the corpus spans too little time for that split", days,
          first == 0 ? "no training sessions" : "no test sessions"));
    }
    return new TimeSplit(corpus.slice(0, first), corpus.slice(first, corpus.sessionCount()), cut);
  }

  /** Parses {@code last-days=N}. */
  public static TimeSplit parse(Corpus corpus, String spec) {
    String s = spec.trim();
    if (!s.startsWith("last-days=")) {
      throw new IllegalArgumentException("split must be last-days=N, was '" + spec + "'");
    }
    try {
      return lastDays(corpus, Double.parseDouble(s.substring("last-days=".length())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("split must be last-days=N, was '" + spec + "'");
    }
  }
}
