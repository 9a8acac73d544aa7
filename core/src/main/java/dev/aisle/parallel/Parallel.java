package dev.aisle.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs one worker per thread and waits for all: the only way Aisle's trainers, kernels and
 * evaluations use threads. The threads come from one pool for the whole process, so a call (the
 * dense network's matrix multiply makes three per batch) costs a hand-off, not a thread start.
 * The pool grows to what the callers ask for at once, so a worker may itself call {@link #run}
 * without waiting for threads its caller holds; threads idle for a minute end.
 *
 * <p>Thread-safe.
 */
public final class Parallel {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "aisle-worker-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private Parallel() {}

  /**
   * Runs {@code worker} with ids {@code 0 .. threads-1}: id 0 on the calling thread, the others
   * on the pool's. The first exception of a worker is rethrown here, after the other workers are
   * interrupted.
   */
  public static void run(int threads, IntConsumer worker) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (threads == 1) {
      worker.accept(0);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(threads - 1);
    try {
      for (int i = 1; i < threads; i++) {
        int id = i;
        futures.add(POOL.submit(() -> worker.accept(id)));
      }
      worker.accept(0); // the caller is worker 0: one hand-off fewer than it waiting idle
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while workers ran", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } finally {
      for (Future<?> f : futures) {
        f.cancel(true); // no-op for finished workers; interrupts the rest after a failure
      }
    }
  }
}
