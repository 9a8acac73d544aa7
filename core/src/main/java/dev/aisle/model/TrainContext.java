package dev.aisle.model;

import java.util.function.ObjIntConsumer;
import java.util.function.LongConsumer;

/**
 * What every trainer gets besides the corpus and its options.
 *
 * @param seed the random seed; with one thread the same seed gives the same model
 * @param threads worker threads, at least 1
 * @param progress receives work done so far in the trainer's own units, or null
 * @param epochEnd called after every epoch of an iterative trainer with the model as it is then
 *     and the epoch number (1-based), e.g. to record a learning curve; or null
 */
public record TrainContext(long seed, int threads, LongConsumer progress,
    ObjIntConsumer<java.util.function.Supplier<Recommender>> epochEnd) {
  public TrainContext {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
  }

  /** Seed 42, all available cores, no callbacks. */
  public static TrainContext defaults() {
    return new TrainContext(42, Runtime.getRuntime().availableProcessors(), null, null);
  }

  /** Reports progress if anyone listens. */
  public void progress(long done) {
    if (progress != null) {
      progress.accept(done);
    }
  }

  /** Reports the end of an epoch if anyone listens; {@code snapshot} is called only then. */
  public void epochDone(int epoch, java.util.function.Supplier<Recommender> snapshot) {
    if (epochEnd != null) {
      epochEnd.accept(snapshot, epoch);
    }
  }
}
