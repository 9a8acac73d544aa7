package dev.aisle.corpus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers a person checks first about a corpus. {@link #toMap()} is the contract of {@code
 * aisle stats --json}: the keys {@code events}, {@code sessions}, {@code products}, {@code
 * customers} and {@code skipped} are stable.
 *
 * @param events browse events kept
 * @param sessions sessions kept
 * @param products distinct products
 * @param customers distinct customers (0 when the log names none)
 * @param eventTypes events by type name
 * @param sessionLengths sessions by length bucket ({@code "1"}, ..., {@code "6-10"}, {@code ">100"})
 * @param meanSessionLength events per session
 * @param first the time of the earliest event, or null for an empty corpus
 * @param last the time of the latest event, or null
 * @param skipped events that did not make it, by reason key
 * @param removedSessions whole sessions removed, by reason key
 * @param catalogProducts products with any catalog metadata
 */
public record CorpusStats(
    long events,
    long sessions,
    long products,
    long customers,
    Map<String, Long> eventTypes,
    Map<String, Long> sessionLengths,
    double meanSessionLength,
    Instant first,
    Instant last,
    Map<String, Long> skipped,
    Map<String, Long> removedSessions,
    long catalogProducts) {

  private static final int[][] BUCKETS = {
    {1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 10}, {11, 20}, {21, 50}, {51, 100},
    {101, Integer.MAX_VALUE}
  };

  /** Computes the statistics of {@code corpus}. */
  public static CorpusStats of(Corpus corpus) {
    List<String> typeNames = corpus.eventTypes();
    long[] byType = new long[typeNames.size()];
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int e = 0; e < corpus.eventCount(); e++) {
      byType[corpus.type(e)]++;
      min = Math.min(min, corpus.time(e));
      max = Math.max(max, corpus.time(e));
    }
    Map<String, Long> types = new LinkedHashMap<>();
    for (int t = 0; t < byType.length; t++) {
      if (byType[t] > 0) {
        types.put(typeNames.get(t), byType[t]);
      }
    }
    long[] bucketCounts = new long[BUCKETS.length];
    for (int s = 0; s < corpus.sessionCount(); s++) {
      int len = corpus.sessionLength(s);
      for (int b = 0; b < BUCKETS.length; b++) {
        if (len >= BUCKETS[b][0] && len <= BUCKETS[b][1]) {
          bucketCounts[b]++;
          break;
        }
      }
    }
    Map<String, Long> lengths = new LinkedHashMap<>();
    for (int b = 0; b < BUCKETS.length; b++) {
      int lo = BUCKETS[b][0];
      int hi = BUCKETS[b][1];
      String label = lo == hi ? Integer.toString(lo) : hi == Integer.MAX_VALUE ? ">" + (lo - 1)
          : lo + "-" + hi;
      lengths.put(label, bucketCounts[b]);
    }
    long withMetadata = 0;
    var catalog = corpus.catalog();
    for (int p = 0; p < catalog.size(); p++) {
      if (catalog.name(p) != null || catalog.category(p) != null || !Float.isNaN(catalog.price(p))
          || catalog.stock(p) != dev.aisle.catalog.Catalog.Stock.UNKNOWN
          || catalog.image(p) != null) {
        withMetadata++;
      }
    }
    boolean empty = corpus.eventCount() == 0;
    return new CorpusStats(corpus.eventCount(), corpus.sessionCount(), corpus.products().size(),
        corpus.customerCount(), types, lengths,
        empty ? 0 : (double) corpus.eventCount() / corpus.sessionCount(),
        empty ? null : Instant.ofEpochMilli(min), empty ? null : Instant.ofEpochMilli(max),
        corpus.info().skippedEvents(), corpus.info().removedSessions(), withMetadata);
  }

  /** The statistics as the JSON object of {@code aisle stats --json}, keys in a fixed order. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("events", events);
    m.put("sessions", sessions);
    m.put("products", products);
    m.put("customers", customers);
    m.put("skipped", skipped);
    m.put("removed_sessions", removedSessions);
    m.put("event_types", eventTypes);
    m.put("session_length_histogram", sessionLengths);
    m.put("mean_session_length", meanSessionLength);
    Map<String, Object> range = new LinkedHashMap<>();
    range.put("first", first == null ? null : first.toString());
    range.put("last", last == null ? null : last.toString());
    m.put("time_range", range);
    m.put("catalog_products", catalogProducts);
    return m;
  }
}
