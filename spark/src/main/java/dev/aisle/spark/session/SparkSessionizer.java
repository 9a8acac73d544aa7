package dev.aisle.spark.session;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.ingest.Grouping;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.IngestReport;
import dev.aisle.ingest.SkipReason;
import dev.aisle.session.CleaningOptions;
import dev.aisle.spark.ingest.LogInput;
import dev.aisle.spark.ingest.ParsedRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Cuts events into sessions and cleans them on Spark, by the rules of {@code aisle ingest}
 * ({@link dev.aisle.session.SessionSplitter} and {@link dev.aisle.session.SessionCleaner}):
 *
 * <ul>
 *   <li>the split uses window functions: each key's events in order of (time, input position);
 *       by customer, {@code lag(ts)} marks a pause longer than the gap and a running sum of the
 *       marks numbers the sessions; given session ids are one session each;
 *   <li>each session then becomes one row with its events as an ordered array, and the cleaning
 *       works on those rows: repeats ({@code --repeats collapse}) with an array filter against
 *       the previous element, bots (by session, then every session of a bot customer), short
 *       sessions, rare products (counted over all kept events) and short sessions again, in
 *       ingest's order, each removal counted in the ingest report under its reason;
 *   <li>sessions are ordered by start time, ties as ingest orders them: by the start before
 *       cleaning, the order in which their keys first appear in the input, and their number
 *       within the key ({@link Sessions#ORDER}).
 * </ul>
 *
 * Every step is checkpointed locally, so that no step re-plans or recomputes those before it.
 *
 * <pre>
 * Sessions s = SparkSessionizer.sessionize(spark, input, options, CleaningOptions.DEFAULTS);
 * Corpus corpus = s.toCorpus(options, CleaningOptions.DEFAULTS);  // what aisle ingest writes
 * </pre>
 */
public final class SparkSessionizer {
  private static final String[] ORDER = {"ts", "file", "pos", "sub"};

  private SparkSessionizer() {}

  /** Sessionizes and cleans the events of {@code input}. */
  public static Sessions sessionize(SparkSession spark, LogInput input, IngestOptions options,
      CleaningOptions cleaning) {
    IngestReport report = input.report();
    Dataset<Row> ev = input.events()
        .select("file", "pos", "sub", "key", "customer", "product", "ts", "type");
    boolean byCustomer = options.format().grouping() == Grouping.CUSTOMER;
    if (byCustomer) {
      ev = ev.withColumn("customer", col("key"));
    }
    if (byCustomer) {
      WindowSpec byKey = Window.partitionBy("key").orderBy(orderCols());
      long gapMs = options.sessionGap().toMillis();
      Column prev = lag("ts", 1).over(byKey);
      ev = ev.withColumn("cut", when(prev.isNull().or(col("ts").minus(prev).gt(gapMs)), 1L)
              .otherwise(0L))
          .withColumn("sno", sum("cut").over(byKey.rowsBetween(Window.unboundedPreceding(),
              Window.currentRow())))
          .drop("cut");
    } else {
      ev = ev.withColumn("sno", lit(1L));
    }
    // ties of start time go by the key's first appearance (among rows that got as far as the key)
    Dataset<Row> keyFirst = input.rows().filter(col("stage").geq(ParsedRows.KEYED))
        .groupBy("key").agg(min(struct("file", "pos", "sub")).as("kf"));
    // one row per session, its events in order: (ts, file, pos, sub) sorts them as ingest does
    Dataset<Row> s = keep(ev.groupBy("key", "sno")
        .agg(sort_array(collect_list(struct(col("ts"), col("file"), col("pos"), col("sub"),
            col("product"), col("type"), col("customer")))).as("events"))
        .join(keyFirst, "key")
        .withColumn("start0", col("events").getItem(0).getField("ts")));

    if (cleaning.collapseRepeats()) {
      Dataset<Row> next = keep(s.withColumn("n0", size(col("events")))
          .withColumn("events", functions.filter(col("events"), (e, i) -> i.equalTo(0)
              .or(functions.get(col("events"), i.minus(1)).getField("product")
                  .notEqual(e.getField("product"))))));
      Row removed = next.agg(sum(col("n0").minus(size(col("events"))))).first();
      report.removed(SkipReason.REPEAT_COLLAPSED, removed.isNullAt(0) ? 0 : removed.getLong(0),
          0);
      s = next.drop("n0");
    }
    if (cleaning.botMaxSessionLength() > 0 || cleaning.botMaxRate() > 0) {
      s = removeBots(s, cleaning, report);
    }
    s = removeShort(s, cleaning, report);
    if (cleaning.minProductCount() > 1) {
      s = removeRare(s, cleaning, report);
      s = removeShort(s, cleaning, report);
    }
    return assemble(spark, input, s, report);
  }

  private static Column[] orderCols() {
    return Arrays.stream(ORDER).map(functions::col).toArray(Column[]::new);
  }

  /**
   * Materializes a step and cuts its lineage: without this every cleaning step would re-plan
   * (and recompute) all the steps before it.
   */
  private static Dataset<Row> keep(Dataset<Row> d) {
    return d.localCheckpoint(true);
  }

  private static Dataset<Row> removeBots(Dataset<Row> s, CleaningOptions o, IngestReport report) {
    int maxLength = o.botMaxSessionLength();
    double maxRate = o.botMaxRate();
    UserDefinedFunction botLike = functions.udf(
        (Integer len, Long firstTs, Long lastTs) -> isBotLike(maxLength, maxRate, len, firstTs,
            lastTs), DataTypes.BooleanType);
    Column events = col("events");
    Dataset<Row> marked = s.withColumn("len", size(events))
        .withColumn("first_customer", events.getItem(0).getField("customer"))
        .withColumn("bot", botLike.apply(col("len"), events.getItem(0).getField("ts"),
            element_at(events, -1).getField("ts")));
    Dataset<Row> botCustomers = marked.filter(col("bot").and(col("first_customer").isNotNull()))
        .select(col("first_customer").as("bot_customer")).distinct();
    marked = keep(marked.join(botCustomers,
        marked.col("first_customer").equalTo(botCustomers.col("bot_customer")), "left")
        .withColumn("drop", col("bot").or(col("bot_customer").isNotNull())));
    Row removed = marked.filter(col("drop")).agg(count(lit(1)), sum("len")).first();
    report.removed(SkipReason.BOT, removed.isNullAt(1) ? 0 : removed.getLong(1),
        removed.getLong(0));
    return marked.filter(col("drop").equalTo(false))
        .drop("len", "first_customer", "bot", "bot_customer", "drop");
  }

  /** SessionCleaner.isBotLike, for one session. */
  static boolean isBotLike(int maxLength, double maxRate, int len, long firstTs, long lastTs) {
    if (maxLength > 0 && len > maxLength) {
      return true;
    }
    if (maxRate > 0 && len >= CleaningOptions.BOT_RATE_MIN_EVENTS) {
      long duration = lastTs - firstTs;
      double minutes = Math.max(duration, 60_000L) / 60_000.0;
      return len / minutes > maxRate;
    }
    return false;
  }

  private static Dataset<Row> removeShort(Dataset<Row> s, CleaningOptions o,
      IngestReport report) {
    int min = o.minSessionLength();
    if (min <= 1) {
      return s;
    }
    Column len = size(col("events"));
    Row removed = s.filter(len.lt(min)).agg(count(lit(1)), sum(len)).first();
    report.removed(SkipReason.SHORT_SESSION, removed.isNullAt(1) ? 0 : removed.getLong(1),
        removed.getLong(0));
    return s.filter(len.geq(min));
  }

  private static Dataset<Row> removeRare(Dataset<Row> s, CleaningOptions o,
      IngestReport report) {
    Dataset<Row> rare = keep(s.select(explode(col("events").getField("product")).as("product"))
        .groupBy("product").agg(count(lit(1)).as("n"))
        .filter(col("n").lt(o.minProductCount())));
    Row removed = rare.agg(sum("n")).first();
    if (removed.isNullAt(0)) {
      return s;
    }
    long before = s.count();
    Dataset<Row> kept = s.select(col("key"), col("sno"), col("kf"), col("start0"),
            explode(col("events")).as("e"))
        .join(rare, col("e.product").equalTo(rare.col("product")), "left_anti");
    Dataset<Row> next = keep(kept.groupBy("key", "sno", "kf", "start0")
        .agg(sort_array(collect_list(col("e"))).as("events")));
    report.removed(SkipReason.RARE_PRODUCT, removed.getLong(0), before - next.count());
    return next;
  }

  /** Numbers products by popularity and gathers each session's events in order. */
  private static Sessions assemble(SparkSession spark, LogInput input, Dataset<Row> s,
      IngestReport report) {
    Dataset<Row> exploded = s.select(col("key"), col("sno"), col("kf"), col("start0"),
        explode(col("events")).as("e"));
    List<Row> counts = exploded.groupBy(col("e.product")).agg(count(lit(1)).as("n"))
        .collectAsList();
    String[] ids = new String[counts.size()];
    long[] n = new long[counts.size()];
    Integer[] order = new Integer[counts.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = counts.get(i).getString(0);
      n[i] = counts.get(i).getLong(1);
      order[i] = i;
    }
    // as CorpusBuilder: browse count descending, ties by id (String order)
    Arrays.sort(order, (a, b) -> n[a] != n[b] ? Long.compare(n[b], n[a])
        : ids[a].compareTo(ids[b]));
    String[] sortedIds = new String[ids.length];
    int[] sortedCounts = new int[ids.length];
    List<Row> ordinalRows = new ArrayList<>(ids.length);
    for (int r = 0; r < order.length; r++) {
      sortedIds[r] = ids[order[r]];
      sortedCounts[r] = Math.toIntExact(n[order[r]]);
      ordinalRows.add(RowFactory.create(sortedIds[r], r));
    }
    ProductIndex products = new ProductIndex(sortedIds, sortedCounts);
    Dataset<Row> ordinals = spark.createDataFrame(ordinalRows, new StructType()
        .add("product", DataTypes.StringType, false)
        .add("ordinal", DataTypes.IntegerType, false));
    Dataset<Row> sessions = keep(exploded.join(ordinals,
            col("e.product").equalTo(ordinals.col("product")))
        .groupBy("key", "sno", "kf", "start0")
        .agg(sort_array(collect_list(struct(col("e.ts").as("ts"), col("e.file").as("file"),
            col("e.pos").as("pos"), col("e.sub").as("sub"), col("ordinal"),
            col("e.type").as("type"), col("e.customer").as("customer")))).as("events"))
        .withColumn("start", col("events").getItem(0).getField("ts"))
        .withColumn("customer", col("events").getItem(0).getField("customer")));
    return new Sessions(sessions, products, report, input);
  }
}
