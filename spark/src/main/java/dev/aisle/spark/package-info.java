/**
 * Aisle on Apache Spark, for shops whose logs outgrow one machine. {@link
 * dev.aisle.spark.SparkJob} reads browse logs ({@code dev.aisle.spark.ingest}), sessionizes and
 * cleans them by exactly the rules of {@code aisle ingest} ({@code dev.aisle.spark.session}),
 * trains co-occurrence indicators ({@code dev.aisle.spark.cooc}) or item2vec ({@code
 * dev.aisle.spark.item2vec}) on the cluster and writes an ordinary Aisle model file on the
 * driver. {@link dev.aisle.spark.SparkCommand} is the command line, run by {@code ./aisle spark}
 * in-process or by {@code spark-submit} from the job jar; Spark itself is never in Aisle's own
 * jars.
 */
package dev.aisle.spark;
