package dev.aisle.corpus;

import dev.aisle.ingest.IngestReport;
import java.util.List;
import java.util.Map;

/**
 * A corpus with the account of how it was read: skipped events and their first examples, and what
 * became of the catalog rows.
 *
 * @param corpus the sessions
 * @param report skipped events by reason, with the first malformed rows
 * @param catalogRows catalog data rows read (0 without a catalog)
 * @param catalogMatched catalog rows that described a product of the corpus
 * @param catalogSkipped catalog rows skipped, by reason
 * @param catalogExamples the first malformed catalog rows
 */
public record IngestResult(Corpus corpus, IngestReport report, long catalogRows,
    long catalogMatched, Map<String, Long> catalogSkipped, List<String> catalogExamples) {}
