/**
 * Co-occurrence and LLR indicators at scale (Dunning, "Accurate methods for the statistics of
 * surprise and coincidence", 1993; the indicator pattern of Mahout's {@code spark-itemsimilarity}):
 * {@link dev.aisle.spark.cooc.SparkCooc} counts product pairs of sessions on Spark and writes the
 * same {@link dev.aisle.model.cooc.CoocModel} the embedded trainer makes.
 */
package dev.aisle.spark.cooc;
