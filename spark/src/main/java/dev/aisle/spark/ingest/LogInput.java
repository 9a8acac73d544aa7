package dev.aisle.spark.ingest;

import dev.aisle.ingest.IngestReport;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Browse logs as read by {@link SparkLogReader}: every row in {@link ParsedRows} layout (events
 * and skips), what was skipped, and the names of the event types in the order ingest numbers
 * them.
 *
 * @param rows the parsed rows (cached); events have stage {@link ParsedRows#ACCEPTED}
 * @param report skipped rows by reason, with the first malformed ones as {@code FILE:LINE}
 * @param eventTypes canonical event type names by ordinal
 * @param inputs the inputs as the corpus provenance names them: {@code name (N bytes)}
 */
public record LogInput(Dataset<Row> rows, IngestReport report, List<String> eventTypes,
    List<String> inputs) {

  /** The accepted events only. */
  public Dataset<Row> events() {
    return rows.filter(rows.col("stage").equalTo(ParsedRows.ACCEPTED));
  }
}
