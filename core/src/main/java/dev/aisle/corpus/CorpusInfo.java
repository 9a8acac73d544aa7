package dev.aisle.corpus;

import dev.aisle.AisleVersion;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.IngestReport;
import dev.aisle.session.CleaningOptions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

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
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    skippedEvents = Collections.unmodifiableMap(new LinkedHashMap<>(skippedEvents));
    removedSessions = Collections.unmodifiableMap(new LinkedHashMap<>(removedSessions));
  }

  /**
   * The provenance of an ingest run by this Aisle, embedded or on Spark: the same options and
   * skip counts make the same record, so the two write the same corpus file.
   *
   * @param inputs the input files as the run names them
   * @param catalogFile the catalog file read with the logs, or null
   */
  public static CorpusInfo of(List<String> inputs, IngestOptions options,
      CleaningOptions cleaning, Path catalogFile, IngestReport report) {
    Map<String, Long> skipped = new LinkedHashMap<>();
    report.skippedEvents().forEach((r, v) -> skipped.put(r.key(), v));
    Map<String, Long> removed = new LinkedHashMap<>();
    report.removedSessions().forEach((r, v) -> removed.put(r.key(), v));
    return new CorpusInfo(AisleVersion.get(), options.format().name(), inputs,
        options(options, cleaning, catalogFile), skipped, removed);
  }

  /** The ingest and cleaning options as {@code name=value}, in the order a corpus records them. */
  public static Map<String, String> options(IngestOptions options, CleaningOptions cleaning,
      Path catalogFile) {
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("grouping", options.format().grouping().name().toLowerCase(Locale.ROOT));
    opts.put("session_gap", options.sessionGap().toString());
    opts.put("time_format", options.format().timeFormat().label());
    opts.put("events", options.events() == null ? "all" : String.join(",",
        new TreeSet<>(options.events())));
    opts.put("repeats", cleaning.collapseRepeats() ? "collapse" : "keep");
    opts.put("min_session_length", Integer.toString(cleaning.minSessionLength()));
    opts.put("min_product_count", Integer.toString(cleaning.minProductCount()));
    opts.put("bot_max_session_length", Integer.toString(cleaning.botMaxSessionLength()));
    opts.put("bot_max_rate", Double.toString(cleaning.botMaxRate()));
    opts.put("strict", Boolean.toString(options.strict()));
    if (catalogFile != null) {
      opts.put("catalog", catalogFile.getFileName().toString());
    }
    return opts;
  }

  /** Total skipped events over all reasons. */
  public long totalSkipped() {
    return skippedEvents.values().stream().mapToLong(Long::longValue).sum();
  }
}
