package dev.aisle.tune;

import dev.aisle.corpus.Corpus;
import dev.aisle.eval.Evaluator;
import dev.aisle.eval.TestSessions;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one trial of {@link Search}: trains an algorithm on the fit part and scores it, under a
 * deadline that cancels both ({@link TrainContext#cancel}, {@link Evaluator#hitRateAndMrr}).
 * Thread-safe for one caller at a time.
 */
final class TrialRunner {
  /** How long past its deadline a trial may take to stop before it is left behind. */
  static final Duration GRACE = Duration.ofSeconds(2);

  private final Algorithm algorithm;
  private final Corpus fit;
  private final Tuner.Options options;
  private final Consumer<String> log;

  TrialRunner(Algorithm algorithm, Corpus fit, Tuner.Options options, Consumer<String> log) {
    this.algorithm = algorithm;
    this.fit = fit;
    this.options = options;
    this.log = log;
  }

  /** What one trial gave: scores, or none and why; when its training ended. */
  record Outcome(Double hr, Double mrr, String status, long trained) {}

  /**
   * Trains and scores with {@code params} on a thread of its own, cancelled at {@code deadline}
   * ({@link System#nanoTime}); waits for it at most {@link #GRACE} past the deadline. A trainer
   * that does not check for cancellation (XGBoost's boosting inside {@code rank}) is then left
   * to end in the background and the trial recorded as abandoned: the search goes on in time.
   *
   * @param start when the trial started, the training's end for an outcome without scores
   */
  Outcome run(Map<String, String> params, TestSessions sessions, long deadline, long start) {
    BooleanSupplier late = () -> System.nanoTime() > deadline;
    FutureTask<Outcome> task = new FutureTask<>(() -> trainAndScore(params, sessions, late));
    Thread worker = new Thread(task, "aisle-trial-" + algorithm.label());
    worker.setDaemon(true); // a trial left running must not keep the JVM alive
    worker.start();
    try {
      return task.get(Math.max(0, deadline - System.nanoTime()) + GRACE.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      log.accept(String.format(Locale.ROOT, "%s: its trainer did not stop at the deadline; the "
          + "trial is abandoned and left to end in the background", algorithm.label()));
      return new Outcome(null, null, Search.ABANDONED, start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a trial ran", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CancellationException) {
        return new Outcome(null, null, Search.ABANDONED, start);
      }
      if (cause instanceof IllegalArgumentException) {
        return new Outcome(null, null, "failed: " + cause.getMessage(), start);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private Outcome trainAndScore(Map<String, String> params, TestSessions sessions,
      BooleanSupplier late) {
    Algorithm.Training training = algorithm.prepare(new Params(params));
    Recommender model = training.train(fit, new TrainContext(options.seed(), options.threads(),
        null, null, null, late));
    long trained = System.nanoTime();
    double[] scores = Evaluator.hitRateAndMrr(model, sessions, options.k(), options.threads(),
        late);
    return scores == null ? new Outcome(null, null, Search.ABANDONED, trained)
        : new Outcome(scores[0], scores[1], "ok", trained);
  }
}
