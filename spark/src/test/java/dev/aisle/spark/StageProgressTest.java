package dev.aisle.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Progress lines of real local Spark jobs: a slow stage is reported, a quick one is not. */
class StageProgressTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Runs a job of {@code tasks} tasks of {@code millis} each with a progress listener. */
  private static String progressOf(int tasks, long millis, Duration period) throws Exception {
    StringWriter lines = new StringWriter();
    StageProgress progress = new StageProgress(new PrintWriter(lines, true), period);
    spark.sparkContext().addSparkListener(progress);
    try {
      List<Integer> items = IntStream.range(0, tasks).boxed().toList();
      new JavaSparkContext(spark.sparkContext()).parallelize(items, tasks).foreach(i ->
          Thread.sleep(millis));
      Thread.sleep(1_000); // the listener bus delivers events after the job returns
    } finally {
      spark.sparkContext().removeSparkListener(progress);
    }
    return lines.toString();
  }

  @Test
  void a_long_stage_reports_its_tasks_while_it_runs_and_its_time_when_done() throws Exception {
    String lines = progressOf(6, 400, Duration.ofMillis(300));
    assertThat(lines).containsPattern("spark: stage \\d+ \\(foreach at StageProgressTest"
        + "\\.java:\\d+\\): \\d of 6 tasks, \\d+ s");
    assertThat(lines).containsPattern("spark: stage \\d+ \\(foreach at StageProgressTest"
        + "\\.java:\\d+\\) done: 6 tasks in [0-9.]+ s");
  }

  @Test
  void stages_quicker_than_the_period_print_nothing() throws Exception {
    assertThat(progressOf(2, 0, Duration.ofMinutes(1))).isEmpty();
  }
}
