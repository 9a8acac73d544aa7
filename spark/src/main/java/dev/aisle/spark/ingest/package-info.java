/**
 * Reading browse logs on Spark exactly as {@code aisle ingest} reads them. {@link
 * dev.aisle.spark.ingest.SparkLogReader} reads every preset and column mapping of {@link
 * dev.aisle.ingest.Preset} (delimited text and JSON lines, plain or gzip) line by line through
 * Hadoop's input splits, and Parquet through Spark's reader; each row is validated with the same
 * checks, skip reasons and messages as ingest, and keeps its input position so that the
 * sessionizer can order equal times as ingest does.
 */
package dev.aisle.spark.ingest;
