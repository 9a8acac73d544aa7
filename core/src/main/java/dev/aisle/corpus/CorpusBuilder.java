package dev.aisle.corpus;

import dev.aisle.BadInputException;
import dev.aisle.catalog.Catalog;
import dev.aisle.catalog.CatalogReader;
import dev.aisle.ingest.EventTable;
import dev.aisle.ingest.Grouping;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.IngestReport;
import dev.aisle.ingest.LineSource;
import dev.aisle.ingest.LogIngest;
import dev.aisle.session.CleaningOptions;
import dev.aisle.session.SessionCleaner;
import dev.aisle.session.SessionList;
import dev.aisle.session.SessionSplitter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The ingest pipeline: browse logs to sessions to a {@link Corpus}.
 *
 * <pre>
 * IngestResult r = CorpusBuilder.ingest(List.of(Path.of("clicks.tsv")),
 *     new IngestOptions(Preset.SESSION_REC.format(), null, Duration.ofMinutes(30), false),
 *     CleaningOptions.DEFAULTS, null, null);
 * CorpusFile.write(r.corpus(), Path.of("yc.corpus"));
 * </pre>
 */
public final class CorpusBuilder {
  private CorpusBuilder() {}

  /**
   * Reads, sessionizes and cleans {@code inputs}.
   *
   * @param catalogFile a product catalog, or null
   * @param progress receives raw input bytes read so far, over all files, or null
   * @throws BadInputException for input that cannot be read, or a malformed row when strict
   */
  public static IngestResult ingest(List<Path> inputs, IngestOptions options,
      CleaningOptions cleaning, Path catalogFile, LongConsumer progress) {
    if (inputs.isEmpty()) {
      throw new BadInputException("no input files given");
    }
    IngestReport report = new IngestReport(options.strict());
    EventTable table = LogIngest.read(inputs, options, report, progress);
    if (table.size() == 0) {
      throw new BadInputException("no usable events in " + inputs.get(0)
          + (inputs.size() > 1 ? " and " + (inputs.size() - 1) + " more" : "") + ": "
          + report.skippedEvents().entrySet().stream()
              .map(e -> e.getValue() + " " + e.getKey().description()).toList());
    }
    SessionList raw = options.format().grouping() == Grouping.SESSION
        ? SessionSplitter.byKey(table.keyColumn(), table.timeColumn(), table.size(),
            table.keyCount())
        : SessionSplitter.byGap(table.keyColumn(), table.timeColumn(), table.size(),
            table.keyCount(), options.sessionGap());
    SessionList sessions = new SessionCleaner(cleaning, report).clean(raw, table::product,
        table::time, table::customer, table.productCount(), table.customerIds().length);

    Assembled assembled = assemble(table, sessions);
    ProductIndex products = assembled.corpus().products();
    long catalogRows = 0;
    long catalogMatched = 0;
    Map<String, Long> catalogSkipped = Map.of();
    List<String> catalogExamples = List.of();
    Catalog catalog;
    if (catalogFile != null) {
      CatalogReader reader = new CatalogReader(options.strict());
      catalog = reader.read(catalogFile, assembled.catalog(), products::ordinal);
      catalogRows = reader.rows();
      catalogMatched = reader.matched();
      catalogSkipped = reader.skipped();
      catalogExamples = reader.examples();
    } else {
      catalog = assembled.catalog().build();
    }
    CorpusInfo info = info(inputs, options, cleaning, catalogFile, report);
    Corpus corpus = assembled.corpus().with(catalog, info);
    return new IngestResult(corpus, report, catalogRows, catalogMatched, catalogSkipped,
        catalogExamples);
  }

  /** A corpus without catalog and provenance yet, and a catalog holding the log's categories. */
  private record Assembled(Corpus corpus, Catalog.Builder catalog) {}

  /** Re-codes products by popularity and customers by first session, and copies the columns. */
  private static Assembled assemble(EventTable table, SessionList sessions) {
    int n = sessions.eventCount();
    int[] count = new int[table.productCount()];
    for (int j = 0; j < n; j++) {
      count[table.product(sessions.event(j))]++;
    }
    String[] rawIds = new String[table.productCount()];
    Integer[] used = java.util.stream.IntStream.range(0, count.length)
        .filter(p -> count[p] > 0).boxed().toArray(Integer[]::new);
    for (int p : used) {
      rawIds[p] = table.productId(p);
    }
    Arrays.sort(used, (a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a])
        : rawIds[a].compareTo(rawIds[b]));
    int[] newOrdinal = new int[count.length];
    String[] ids = new String[used.length];
    int[] counts = new int[used.length];
    Catalog.Builder catalog = new Catalog.Builder(used.length);
    for (int i = 0; i < used.length; i++) {
      newOrdinal[used[i]] = i;
      ids[i] = rawIds[used[i]];
      counts[i] = count[used[i]];
      catalog.category(i, table.category(used[i]));
    }
    String[] rawCustomers = table.customerIds();
    int[] customerOrdinal = new int[rawCustomers.length];
    Arrays.fill(customerOrdinal, -1);
    List<String> customers = new ArrayList<>();
    int[] offsets = new int[sessions.count() + 1];
    int[] sessionCustomer = new int[sessions.count()];
    int[] items = new int[n];
    long[] times = new long[n];
    byte[] types = new byte[n];
    for (int s = 0; s < sessions.count(); s++) {
      offsets[s] = sessions.start(s);
      int c = table.customer(sessions.event(sessions.start(s)));
      if (c >= 0 && customerOrdinal[c] < 0) {
        customerOrdinal[c] = customers.size();
        customers.add(rawCustomers[c]);
      }
      sessionCustomer[s] = c < 0 ? -1 : customerOrdinal[c];
      for (int j = sessions.start(s); j < sessions.end(s); j++) {
        int e = sessions.event(j);
        items[j] = newOrdinal[table.product(e)];
        times[j] = table.time(e);
        types[j] = (byte) table.type(e);
      }
    }
    offsets[sessions.count()] = n;
    Corpus corpus = new Corpus(new ProductIndex(ids, counts), customers.toArray(String[]::new),
        table.eventTypeNames(), offsets, sessionCustomer, items, times, types,
        Catalog.empty(ids.length), null);
    return new Assembled(corpus, catalog);
  }

  private static CorpusInfo info(List<Path> inputs, IngestOptions options,
      CleaningOptions cleaning, Path catalogFile, IngestReport report) {
    List<String> names = new ArrayList<>();
    for (Path p : inputs) {
      names.add(p.getFileName() + " (" + LineSource.sizeOf(p) + " bytes)");
    }
    return CorpusInfo.of(names, options, cleaning, catalogFile, report);
  }
}
