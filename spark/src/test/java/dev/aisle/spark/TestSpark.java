package dev.aisle.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a test class: local[2], no UI, two shuffle partitions, no adaptive
 * execution or whole-stage code generation (the data is small), loopback only.
 * Starting Spark takes seconds, so each test class starts one and stops it when done.
 */
public final class TestSpark {
  private TestSpark() {}

  public static SparkSession start() {
    return SparkSetup.builder("local[2]", "aisle-test")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        // small data: planning and code generation cost more than they save
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.codegen.wholeStage", "false")
        .getOrCreate();
  }
}
