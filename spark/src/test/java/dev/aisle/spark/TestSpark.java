package dev.aisle.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a test class: local[2], no UI, two shuffle partitions, loopback only.
 * Starting Spark takes seconds, so each test class starts one and stops it when done.
 */
public final class TestSpark {
  private TestSpark() {}

  public static SparkSession start() {
    return SparkSessions.builder("local[2]", "aisle-test")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .getOrCreate();
  }
}
