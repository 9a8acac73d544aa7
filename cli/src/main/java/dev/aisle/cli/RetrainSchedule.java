package dev.aisle.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aisle serve --retrain-every}: runs {@code aisle retrain} every interval as a child
 * process of the server, with lowered priority ({@code nice -n 10}) and a heap of its own, one
 * run at a time. The server answers from its models throughout; it reloads a replaced model
 * file when it sees it change, as {@code --watch} does.
 *
 * <p>Thread-safe.
 */
final class RetrainSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainSchedule.class);
  private static final Path NICE = Path.of("/usr/bin/nice");

  private final List<String> command;
  private final ScheduledExecutorService timer;
  private volatile Process running;

  private RetrainSchedule(List<String> command) {
    this.command = command;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "aisle-retrain-schedule");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the schedule: the first run after {@code every}. */
  static RetrainSchedule start(Duration every, List<String> retrainArgs) {
    RetrainSchedule s = new RetrainSchedule(command(retrainArgs));
    s.timer.scheduleWithFixedDelay(s::runOnce, every.toMillis(), every.toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info("retraining every {}: {}", every, String.join(" ", s.command));
    return s;
  }

  /** {@code nice -n 10 java ... retrain ARGS} with this JVM's class path. */
  private static List<String> command(List<String> retrainArgs) {
    List<String> c = new ArrayList<>();
    if (Files.isExecutable(NICE)) {
      c.addAll(List.of(NICE.toString(), "-n", "10"));
    }
    c.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      c.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    }
    c.addAll(List.of("-cp", System.getProperty("java.class.path"), AisleCommand.class.getName(),
        "retrain"));
    c.addAll(retrainArgs);
    return List.copyOf(c);
  }

  private void runOnce() {
    long t0 = System.nanoTime();
    try {
      running = new ProcessBuilder(command).inheritIO().start();
      int code = running.waitFor();
      LOG.info("retrain finished with exit code {} in {} s (GET /api/retrains has the result)",
          code, (System.nanoTime() - t0) / 1_000_000_000L);
    } catch (IOException e) {
      LOG.warn("cannot start the retrain: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      running = null;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    Process p = running;
    if (p != null) {
      p.destroy();
    }
  }
}
