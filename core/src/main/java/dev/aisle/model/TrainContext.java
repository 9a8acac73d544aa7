package dev.aisle.model;

import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * What every trainer gets besides the corpus and its options.
 *
 * @param seed the random seed; with one thread the same seed gives the same model
 * @param threads worker threads, at least 1
 * @param progress receives work done so far in the trainer's own units, or null
 * @param epochEnd called after every epoch of an iterative trainer with the model as it is then
 *     and the epoch number (1-based), e.g. to record a learning curve; or null
 * @param stop asked after every epoch (after {@code epochEnd}), and between the batches of a
 *     trainer whose epochs are long (the dense network's): true ends training there, e.g. to stop
 *     early or at a search's time budget; or null
 */
public record TrainContext(long seed, int threads, LongConsumer progress,
    ObjIntConsumer<Supplier<Recommender>> epochEnd, BooleanSupplier stop) {
  public TrainContext {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
  }

  /** A context that never stops early. */
  public TrainContext(long seed, int threads, LongConsumer progress,
      ObjIntConsumer<Supplier<Recommender>> epochEnd) {
    this(seed, threads, progress, epochEnd, null);
  }

  /** Seed 42, all available cores, no callbacks. */
  public static TrainContext defaults() {
    return new TrainContext(42, Runtime.getRuntime().availableProcessors(), null, null);
  }

  /**
   * The same seed, threads and progress without the epoch callbacks: for the parts of a composite
   * model, whose epochs are not the composite's.
   */
  public TrainContext withoutEpochs() {
    return new TrainContext(seed, threads, progress, null, null);
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

  /** True when training should end after the epoch just reported. */
  public boolean stopRequested() {
    return stop != null && stop.getAsBoolean();
  }
}
