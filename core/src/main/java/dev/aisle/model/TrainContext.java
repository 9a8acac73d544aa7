package dev.aisle.model;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * What every trainer gets besides the corpus and its options.
 *
 * <p>Two ways to end training before its last epoch. {@code stop} ends it gracefully: the trainer
 * returns the model as it is after the epoch (early stopping). {@code cancel} abandons it: the
 * trainer throws {@link CancellationException} at its next check and returns nothing (a search's
 * deadline). Iterative trainers check for cancellation per epoch and per batch or chunk of work
 * within one (the dense network inside its matrix products too), the others between their
 * phases, so a cancelled training ends within a fraction of a second of the signal.
 *
 * @param seed the random seed; with one thread the same seed gives the same model
 * @param threads worker threads, at least 1
 * @param progress receives work done so far in the trainer's own units, or null
 * @param epochEnd called after every epoch of an iterative trainer with the model as it is then
 *     and the epoch number (1-based), e.g. to record a learning curve; or null
 * @param stop asked after every epoch (after {@code epochEnd}): true ends training there with
 *     the model as it is, e.g. to stop early; or null
 * @param cancel asked at every cancellation check ({@link #checkCancelled}), from any worker
 *     thread: true abandons the training; once true it must stay true; or null
 */
public record TrainContext(long seed, int threads, LongConsumer progress,
    ObjIntConsumer<Supplier<Recommender>> epochEnd, BooleanSupplier stop,
    BooleanSupplier cancel) {
  public TrainContext {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
  }

  /** A context that is never cancelled. */
  public TrainContext(long seed, int threads, LongConsumer progress,
      ObjIntConsumer<Supplier<Recommender>> epochEnd, BooleanSupplier stop) {
    this(seed, threads, progress, epochEnd, stop, null);
  }

  /** A context that never stops early and is never cancelled. */
  public TrainContext(long seed, int threads, LongConsumer progress,
      ObjIntConsumer<Supplier<Recommender>> epochEnd) {
    this(seed, threads, progress, epochEnd, null, null);
  }

  /** Seed 42, all available cores, no callbacks. */
  public static TrainContext defaults() {
    return new TrainContext(42, Runtime.getRuntime().availableProcessors(), null, null);
  }

  /**
   * The same seed, threads, progress and cancellation without the epoch callbacks: for the parts
   * of a composite model, whose epochs are not the composite's.
   */
  public TrainContext withoutEpochs() {
    return new TrainContext(seed, threads, progress, null, null, cancel);
  }

  /** Reports progress if anyone listens. */
  public void progress(long done) {
    if (progress != null) {
      progress.accept(done);
    }
  }

  /** Reports the end of an epoch if anyone listens; {@code snapshot} is called only then. */
  public void epochDone(int epoch, Supplier<Recommender> snapshot) {
    if (epochEnd != null) {
      epochEnd.accept(snapshot, epoch);
    }
  }

  /**
   * True when training should end after the epoch just reported; first a cancellation check, so
   * that every iterative trainer can be cancelled at least per epoch.
   *
   * @throws CancellationException when the training was cancelled
   */
  public boolean stopRequested() {
    checkCancelled();
    return stop != null && stop.getAsBoolean();
  }

  /**
   * A cancellation check: returns when training may go on. Safe to call from worker threads.
   *
   * @throws CancellationException when the training was cancelled
   */
  public void checkCancelled() {
    if (cancel != null && cancel.getAsBoolean()) {
      throw new CancellationException("training cancelled");
    }
  }
}
