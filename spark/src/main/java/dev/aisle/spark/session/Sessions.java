package dev.aisle.spark.session;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;

import dev.aisle.catalog.Catalog;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusInfo;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.IngestReport;
import dev.aisle.session.CleaningOptions;
import dev.aisle.spark.ingest.LogInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Cleaned sessions on the cluster, with the product vocabulary on the driver. Each row of {@link
 * #sessions()} is one session: {@code key}, {@code sno} (its number within the key), {@code
 * start}, {@code start0} (start before cleaning), {@code kf} (the key's first input position),
 * {@code customer}, and {@code events}: {@code (ts, file, pos, sub, ordinal, type, customer)}
 * structs in browse order. Ordered by {@link #ORDER}, sessions are in the order of the corpus ingest writes.
 *
 * @param sessions one row per session (cached)
 * @param products product ids and counts, ordinals by popularity as in a corpus
 * @param report everything skipped on the way, by reason
 * @param input the parsed log the sessions came from
 */
public record Sessions(Dataset<Row> sessions, ProductIndex products, IngestReport report,
    LogInput input) {

  /** The columns that put sessions in corpus order. */
  public static final String[] ORDER = {"start", "start0", "kf", "sno"};

  /** The number of sessions. */
  public long count() {
    return sessions.count();
  }

  /** Each session's product ordinals in browse order, in corpus order within each partition. */
  public JavaRDD<int[]> items() {
    return sessions.sortWithinPartitions(ORDER[0], ORDER[1], ORDER[2], ORDER[3])
        .select("events").javaRDD().map(r -> {
          List<Row> events = r.getList(0);
          int[] items = new int[events.size()];
          for (int i = 0; i < items.length; i++) {
            items[i] = events.get(i).getInt(4);
          }
          return items;
        });
  }

  /**
   * Collects the sessions into a corpus on the driver: the corpus {@code aisle ingest} would
   * write for the same logs and options, with the log's own categories as its catalog.
   */
  public Corpus toCorpus(IngestOptions options, CleaningOptions cleaning) {
    Map<String, Integer> typeOrdinal = new HashMap<>();
    List<String> types = input.eventTypes();
    for (int t = 0; t < types.size(); t++) {
      typeOrdinal.put(types.get(t), t);
    }
    List<Integer> offsets = new ArrayList<>();
    List<Integer> sessionCustomer = new ArrayList<>();
    Map<String, Integer> customerOrdinal = new HashMap<>();
    List<String> customers = new ArrayList<>();
    IntList items = new IntList();
    LongList times = new LongList();
    ByteList typeCodes = new ByteList();
    Iterator<Row> it = sessions.orderBy(ORDER[0], ORDER[1], ORDER[2], ORDER[3])
        .select("customer", "events").toLocalIterator();
    while (it.hasNext()) {
      Row s = it.next();
      offsets.add(items.size);
      String c = s.isNullAt(0) ? null : s.getString(0);
      int co = -1;
      if (c != null) {
        co = customerOrdinal.computeIfAbsent(c, k -> {
          customers.add(k);
          return customers.size() - 1;
        });
      }
      sessionCustomer.add(co);
      for (Row e : s.<Row>getList(1)) {
        items.add(e.getInt(4));
        times.add(e.getLong(0));
        typeCodes.add((byte) (int) typeOrdinal.get(e.getString(5)));
      }
    }
    offsets.add(items.size);
    Catalog.Builder catalog = new Catalog.Builder(products.size());
    Dataset<Row> events = input.events();
    for (Row r : events.filter(col("category").isNotNull()).groupBy("product")
        .agg(min_by(col("category"), struct("file", "pos", "sub"))).collectAsList()) {
      int p = products.ordinal(r.getString(0));
      if (p >= 0) {
        catalog.category(p, r.getString(1));
      }
    }
    return Corpus.of(products, customers.toArray(String[]::new), types.toArray(String[]::new),
        offsets.stream().mapToInt(Integer::intValue).toArray(),
        sessionCustomer.stream().mapToInt(Integer::intValue).toArray(), items.toArray(),
        times.toArray(), typeCodes.toArray(), catalog.build(), CorpusInfo.of(input.inputs(), options, cleaning, null, report));
  }

  /** A growable int array. */
  private static final class IntList {
    int[] a = new int[1024];
    int size;

    void add(int v) {
      if (size == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, size);
    }
  }

  /** A growable long array. */
  private static final class LongList {
    long[] a = new long[1024];
    int size;

    void add(long v) {
      if (size == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(a, size);
    }
  }

  /** A growable byte array. */
  private static final class ByteList {
    byte[] a = new byte[1024];
    int size;

    void add(byte v) {
      if (size == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    byte[] toArray() {
      return java.util.Arrays.copyOf(a, size);
    }
  }
}
