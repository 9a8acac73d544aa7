/**
 * Sessions on Spark by the rules of {@code aisle ingest}: {@link
 * dev.aisle.spark.session.SparkSessionizer} splits each customer's time-ordered events at pauses
 * longer than the gap (or groups given session ids) with window functions, then applies the
 * cleaning of {@link dev.aisle.session.SessionCleaner} step by step (repeats, bots, short
 * sessions, rare products; Ludewig and Jannach, UMUAI 2018). {@link
 * dev.aisle.spark.session.Sessions} holds the result on the cluster, numbers products by
 * popularity as a corpus does, and collects it into the same {@link dev.aisle.corpus.Corpus} that
 * ingest builds.
 */
package dev.aisle.spark.session;
