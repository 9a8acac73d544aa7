package dev.aisle.eval;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * A line every so often while long work runs, for a log that is not a terminal: "gru4rec:
 * training, 150 s so far". Fed by the work's own progress calls; work that finishes within the
 * interval says nothing.
 *
 * <pre>
 * Heartbeat beat = new Heartbeat(Duration.ofSeconds(30).toNanos(), System.err::println);
 * LongConsumer progress = beat.listener(done -&gt; "item2vec: training");
 * </pre>
 *
 * <p>Not thread-safe: one listener per piece of work, called from one thread at a time.
 */
final class Heartbeat {
  private final long intervalNanos;
  private final Consumer<String> log;
  private final LongSupplier clock;

  /**
   * @param intervalNanos the least time between two lines
   * @param log receives the lines
   */
  Heartbeat(long intervalNanos, Consumer<String> log) {
    this(intervalNanos, log, System::nanoTime);
  }

  /** As {@link #Heartbeat(long, Consumer)}, with {@code clock} in nanoseconds. */
  Heartbeat(long intervalNanos, Consumer<String> log, LongSupplier clock) {
    this.intervalNanos = intervalNanos;
    this.log = log;
    this.clock = clock;
  }

  /**
   * A progress listener that logs {@code line} of the work done so far, with the time since it
   * was made, at most once per interval.
   */
  LongConsumer listener(LongFunction<String> line) {
    long start = clock.getAsLong();
    long[] next = {start + intervalNanos};
    return done -> {
      long now = clock.getAsLong();
      if (now >= next[0]) {
        next[0] = now + intervalNanos;
        log.accept(String.format(Locale.ROOT, "%s, %d s so far", line.apply(done),
            (now - start) / 1_000_000_000L));
      }
    };
  }
}
