package dev.aisle.corpus;

import java.util.List;
import java.util.Map;

/**
 * How a corpus was made: by which Aisle, from which files, with which options, and what was
 * skipped on the way (events by reason, whole sessions by reason). Keys of the skip maps are
 * {@link dev.aisle.ingest.SkipReason#key()} values.
 *
 * @param aisleVersion the version of Aisle that wrote the corpus
 * @param format the {@code --format} the logs were read with
 * @param inputs the input files, as given
 * @param options the ingest and cleaning options, as {@code name=value}
 * @param skippedEvents events that did not make it into the corpus, by reason
 * @param removedSessions whole sessions removed, by reason
 */
public record CorpusInfo(
    String aisleVersion,
    String format,
    List<String> inputs,
    Map<String, String> options,
    Map<String, Long> skippedEvents,
    Map<String, Long> removedSessions) {

  public CorpusInfo {
    inputs = List.copyOf(inputs);
    options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    skippedEvents = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skippedEvents));
    removedSessions =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(removedSessions));
  }

  /** Total skipped events over all reasons. */
  public long totalSkipped() {
    return skippedEvents.values().stream().mapToLong(Long::longValue).sum();
  }
}
