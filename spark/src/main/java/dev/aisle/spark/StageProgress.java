package dev.aisle.spark;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * A Spark job's progress as readable lines: while a stage runs, its tasks done every {@code
 * period}, and a line when a stage that ran for at least that long ends, with its time (or its
 * failure). Spark's own console bar is off ({@link SparkSetup}), and sessionizing a hundred
 * million events is one job of many minutes that would otherwise print nothing; the many stages
 * of under a second (broadcasts, small collects) are not reported.
 *
 * <pre>
 * spark: stage 3 (groupBy at SparkSessionizer.java:71): 12 of 40 tasks, 130 s
 * spark: stage 3 (groupBy at SparkSessionizer.java:71) done: 40 tasks in 412.5 s
 * </pre>
 *
 * <p>Spark calls a listener on its listener bus thread, one event at a time.
 */
final class StageProgress extends SparkListener {
  private final PrintWriter err;
  private final long period;
  private final Map<Integer, Running> running = new HashMap<>();

  /** A stage being run: its tasks done so far, when it started, when it was last reported. */
  private static final class Running {
    final String name;
    final int tasks;
    final long started = System.nanoTime();
    long reported = started;
    int done;

    Running(String name, int tasks) {
      this.name = name;
      this.tasks = tasks;
    }
  }

  /** Lines to {@code err}, at most one per running stage every {@code period}. */
  StageProgress(PrintWriter err, Duration period) {
    this.err = err;
    this.period = period.toNanos();
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    StageInfo info = submitted.stageInfo();
    running.put(info.stageId(), new Running(info.name(), info.numTasks()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    Running stage = running.get(end.stageId());
    if (stage == null) {
      return;
    }
    stage.done++;
    long now = System.nanoTime();
    if (now - stage.reported >= period) {
      stage.reported = now;
      err.printf(Locale.ROOT, "spark: stage %d (%s): %,d of %,d tasks, %.0f s%n", end.stageId(),
          stage.name, stage.done, stage.tasks, (now - stage.started) / 1e9);
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted completed) {
    StageInfo info = completed.stageInfo();
    Running stage = running.remove(info.stageId());
    long nanos = stage == null ? 0 : System.nanoTime() - stage.started;
    double seconds = nanos / 1e9;
    if (info.failureReason().isDefined()) {
      err.printf(Locale.ROOT, "spark: stage %d (%s) failed after %.1f s: %s%n", info.stageId(),
          info.name(), seconds, info.failureReason().get());
    } else if (nanos >= period) {
      err.printf(Locale.ROOT, "spark: stage %d (%s) done: %,d tasks in %.1f s%n",
          info.stageId(), info.name(), info.numTasks(), seconds);
    }
  }
}
