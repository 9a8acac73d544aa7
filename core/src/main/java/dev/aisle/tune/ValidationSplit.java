package dev.aisle.tune;

import dev.aisle.BadInputException;
import dev.aisle.corpus.Corpus;
import dev.aisle.eval.TestSessions;
import java.time.Duration;
import java.util.Locale;

/**
 * The latest sessions of a training corpus held out to score hyperparameters on: a cut by time,
 * never a shuffle, so every trial predicts the future from the past as the final model will. The
 * fit part keeps the whole corpus's vocabulary ({@link Corpus#sessionRange}); the held-out
 * sessions lose products the fit part never saw ({@link TestSessions#heldOut}).
 *
 * @param fit the sessions before the cut, to train trials on
 * @param validation the sessions from the cut on, coded as test sessions
 * @param describe how the cut was chosen, for logs and {@code tuned.json}
 */
public record ValidationSplit(Corpus fit, TestSessions validation, String describe) {
  /** Fewer next-item predictions than this cannot tell settings apart. */
  public static final int MIN_PREDICTIONS = 100;

  /** The latest {@code fraction} of the sessions. */
  public static ValidationSplit latestFraction(Corpus corpus, double fraction) {
    if (!(fraction > 0 && fraction <= 0.5)) {
      throw new IllegalArgumentException("--validation-fraction must be in (0, 0.5], was "
          + fraction);
    }
    int cut = (int) Math.round(corpus.sessionCount() * (1 - fraction));
    return at(corpus, cut, String.format(Locale.ROOT, "the latest %s of the sessions",
        fraction));
  }

  /** The sessions starting in the last {@code days} days of the corpus. */
  public static ValidationSplit lastDays(Corpus corpus, double days) {
    if (!(days > 0)) {
      throw new IllegalArgumentException("--validation-days must be > 0, was " + days);
    }
    long last = Long.MIN_VALUE;
    for (int e = 0; e < corpus.eventCount(); e++) {
      last = Math.max(last, corpus.time(e));
    }
    long cutTime = last - (long) (days * Duration.ofDays(1).toMillis());
    int cut = 0;
    while (cut < corpus.sessionCount() && corpus.sessionTime(cut) < cutTime) {
      cut++;
    }
    return at(corpus, cut, String.format(Locale.ROOT, "the sessions of the last %s days",
        days));
  }

  private static ValidationSplit at(Corpus corpus, int cut, String describe) {
    if (cut < 1 || cut >= corpus.sessionCount()) {
      throw new BadInputException(String.format(Locale.ROOT, "the validation split (%s) is "
          + "empty or takes every session (%,d of %,d): choose another --validation-days or "
          + "--validation-fraction", describe, corpus.sessionCount() - cut,
          corpus.sessionCount()));
    }
    TestSessions validation = TestSessions.heldOut(corpus, cut);
    if (validation.predictions() < MIN_PREDICTIONS) {
      throw new BadInputException(String.format(Locale.ROOT, "the validation split (%s) has "
          + "%,d next-item predictions, fewer than the %d needed to compare settings: give "
          + "more data or a larger --validation-fraction", describe, validation.predictions(),
          MIN_PREDICTIONS));
    }
    return new ValidationSplit(corpus.sessionRange(0, cut), validation, describe);
  }

  /** Every {@code step}-th validation session: the cheap first rung of successive halving. */
  TestSessions subset(int step) {
    java.util.List<int[]> some = new java.util.ArrayList<>();
    for (int i = 0; i < validation.sessions().size(); i += step) {
      some.add(validation.sessions().get(i));
    }
    return new TestSessions(java.util.List.copyOf(some), 0, 0);
  }
}
