/**
 * Reading browse logs: CSV, TSV and JSON lines, gzip or plain, from the field's public datasets
 * ({@link dev.aisle.ingest.Preset}) or any shop export mapped column by column ({@link
 * dev.aisle.ingest.LogFormat}).
 *
 * <p>Reading is byte-level: a {@link dev.aisle.ingest.LineSource} hands out lines of a reused
 * buffer, {@link dev.aisle.ingest.RowParser} splits each in place (by the file's {@link
 * dev.aisle.ingest.ColumnLayout}) or reads it as JSON and checks every field, ids are
 * dictionary-coded straight from the bytes and timestamps parsed without strings, so a row
 * allocates nothing. The Spark job runs the same {@code RowParser} line by line on its executors,
 * so both read a log the same way by construction. The
 * result is an {@link dev.aisle.ingest.EventTable} in input order; grouping into sessions is the
 * next step ({@link dev.aisle.session}).
 *
 * <p>Nothing is lost silently: a row that cannot be used is counted by {@link
 * dev.aisle.ingest.SkipReason} in an {@link dev.aisle.ingest.IngestReport}, with the first examples
 * kept as {@code FILE:LINE: reason (field)}; under strict mode the first one stops the run.
 */
package dev.aisle.ingest;
