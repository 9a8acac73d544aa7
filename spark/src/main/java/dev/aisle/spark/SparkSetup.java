package dev.aisle.spark;

import org.apache.spark.sql.SparkSession;

/** How Aisle starts Spark when it runs in-process ({@code ./aisle spark}) or in tests. */
public final class SparkSetup {
  private SparkSetup() {}

  /**
   * A builder for an in-process session: the UI off, the driver on the loopback interface, few
   * shuffle partitions (sized for one machine; a cluster's spark-submit settings win).
   *
   * @param master e.g. {@code local[2]}, or null to take spark-submit's
   */
  public static SparkSession.Builder builder(String master, String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false");
    if (master != null) {
      b = b.master(master);
      if (master.startsWith("local")) {
        b = b.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "8");
      }
    }
    return b;
  }
}
