package dev.aisle.spark.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisle.BadInputException;
import dev.aisle.SharedData;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.corpus.IngestResult;
import dev.aisle.events.Event;
import dev.aisle.events.EventLogOptions;
import dev.aisle.events.SegmentLog;
import dev.aisle.events.Segments;
import dev.aisle.generate.GeneratorOptions;
import dev.aisle.generate.GeneratorResult;
import dev.aisle.generate.StoreGenerator;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.session.CleaningOptions;
import dev.aisle.spark.TestSpark;
import dev.aisle.spark.ingest.LogInput;
import dev.aisle.spark.ingest.SparkLogReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Spark sessionizer against {@code aisle ingest}'s own code on the same input: the corpora
 * must be identical, session for session, event for event, down to the file checksum (which
 * covers products, customers, event types, catalog categories and the skip counts).
 */
class SparkSessionizerTest {
  private static SparkSession spark;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static Stream<Arguments> realLogs() {
    CleaningOptions collapse = new CleaningOptions(true, 2, 3, 1000, 60);
    return Stream.of(
        Arguments.of("yoochoose-100k/yoochoose-clicks-100k_train_valid.txt", Preset.SESSION_REC,
            null, CleaningOptions.DEFAULTS),
        Arguments.of("taobao-userbehavior-head/UserBehavior.csv", Preset.TAOBAO, null, collapse),
        Arguments.of("taobao-userbehavior-head/UserBehavior.csv", Preset.TAOBAO,
            Set.of("view", "cart"), CleaningOptions.none()),
        Arguments.of("diginetica-sample/sample_train-item-views.csv", Preset.DIGINETICA, null,
            CleaningOptions.DEFAULTS),
        Arguments.of("otto-sample/train.jsonl", Preset.OTTO, null,
            new CleaningOptions(false, 2, 1, 20, 10)));
  }

  @ParameterizedTest(name = "{0} {2} {3}")
  @MethodSource("realLogs")
  void spark_sessions_are_ingest_sessions_on_real_logs(String file, Preset preset,
      Set<String> events, CleaningOptions cleaning) {
    Path log = SharedData.file(file);
    IngestOptions options = new IngestOptions(preset.format(), events, Duration.ofMinutes(30),
        false);
    assertSameAsIngest(List.of(log), options, cleaning);
  }

  @Test
  void spark_sessions_are_ingest_sessions_on_a_generated_shop_with_equal_times() {
    GeneratorResult g = StoreGenerator.generate(GeneratorOptions.of(300, 400, 10, 3),
        tmp.resolve("shop"));
    IngestOptions options = new IngestOptions(Preset.AISLE.format(), null,
        Duration.ofMinutes(10), false);
    assertSameAsIngest(List.of(g.eventsFile()), options,
        new CleaningOptions(true, 2, 2, 30, 20));
  }

  /** The server's event log (its checksum column too) is a log the Spark job reads as is. */
  @Test
  void spark_reads_the_event_log_segments_as_ingest_does() throws IOException {
    GeneratorResult g = StoreGenerator.generate(GeneratorOptions.of(200, 300, 10, 5),
        tmp.resolve("logged-shop"));
    IngestOptions options = new IngestOptions(Preset.AISLE.format(), null,
        Duration.ofMinutes(30), true);
    Corpus shop = CorpusBuilder.ingest(List.of(g.eventsFile()), options, CleaningOptions.none(),
        null, null).corpus();
    Path dir = tmp.resolve("events");
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(dir).withSegmentBytes(64 << 10))) {
      for (int s = 0; s < shop.sessionCount(); s++) {
        List<Event> events = new ArrayList<>();
        for (int e = shop.sessionStart(s); e < shop.sessionEnd(s); e++) {
          events.add(Event.view(shop.customerId(shop.sessionCustomer(s)),
              shop.products().id(shop.item(e)), shop.time(e)));
        }
        log.append(events);
      }
    }
    List<Path> segments = Segments.list(dir);
    assertThat(segments).hasSizeGreaterThan(1);
    assertSameAsIngest(segments, options, CleaningOptions.DEFAULTS);
  }

  /** A log with every kind of trouble ingest knows, over two files, one of them gzip. */
  @Test
  void spark_skips_and_reports_malformed_rows_as_ingest_does() throws IOException {
    Path a = tmp.resolve("messy-a.csv");
    Path b = tmp.resolve("messy-b.csv.gz");
    Files.write(a, messyLog(0));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(b))) {
      out.write(messyLog(1));
    }
    IngestOptions options = new IngestOptions(Preset.AISLE.format(), null,
        Duration.ofMinutes(30), false);
    CleaningOptions cleaning = new CleaningOptions(true, 2, 1, 0, 30);
    IngestResult core = CorpusBuilder.ingest(List.of(a, b), options, cleaning, null, null);
    LogInput in = SparkLogReader.read(spark, List.of(a.toString(), b.toString()), options);
    Sessions s = SparkSessionizer.sessionize(spark, in, options, cleaning);
    assertThat(s.report().examples()).isEqualTo(core.report().examples());
    assertSameCorpus(s.toCorpus(options, cleaning), core.corpus());

    IngestOptions strict = new IngestOptions(Preset.AISLE.format(), null,
        Duration.ofMinutes(30), true);
    String expected = catchMessage(() -> CorpusBuilder.ingest(List.of(a, b), strict, cleaning,
        null, null));
    assertThat(expected).contains("messy-a.csv:");
    assertThatThrownBy(() -> SparkLogReader.read(spark, List.of(a.toString(), b.toString()),
        strict)).isInstanceOf(BadInputException.class).hasMessage(expected);
  }

  @Test
  void parquet_written_from_a_log_gives_the_sessions_of_the_log() {
    GeneratorResult g = StoreGenerator.generate(GeneratorOptions.of(200, 200, 5, 9),
        tmp.resolve("pq-shop"));
    String dir = tmp.resolve("events.parquet").toString();
    spark.read().option("header", "true").csv(g.eventsFile().toString()).coalesce(1)
        .write().parquet(dir);
    IngestOptions options = new IngestOptions(Preset.AISLE.format(), null,
        Duration.ofMinutes(30), false);
    Corpus core = CorpusBuilder.ingest(List.of(g.eventsFile()), options,
        CleaningOptions.DEFAULTS, null, null).corpus();
    LogInput in = SparkLogReader.read(spark, List.of(dir), options,
        SparkLogReader.Storage.PARQUET);
    Corpus fromParquet = SparkSessionizer.sessionize(spark, in, options, CleaningOptions.DEFAULTS)
        .toCorpus(options, CleaningOptions.DEFAULTS);
    assertThat(describe(fromParquet)).isEqualTo(describe(core));
  }

  @Test
  void a_missing_column_is_named_with_the_header_it_has() throws IOException {
    Path f = tmp.resolve("no-time.csv");
    Files.writeString(f, "customer_id,product_id,when\nc1,p1,2026-01-01T00:00:00Z\n");
    IngestOptions options = new IngestOptions(Preset.AISLE.format(), null,
        Duration.ofMinutes(30), false);
    assertThatThrownBy(() -> SparkLogReader.read(spark, List.of(f.toString()), options))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no-time.csv:1: missing column 'timestamp'")
        .hasMessageContaining("customer_id, product_id, when");
  }

  private static void assertSameAsIngest(List<Path> logs, IngestOptions options,
      CleaningOptions cleaning) {
    IngestResult core = CorpusBuilder.ingest(logs, options, cleaning, null, null);
    LogInput in = SparkLogReader.read(spark, logs.stream().map(Path::toString).toList(), options);
    Corpus fromSpark = SparkSessionizer.sessionize(spark, in, options, cleaning)
        .toCorpus(options, cleaning);
    assertSameCorpus(fromSpark, core.corpus());
  }

  private static void assertSameCorpus(Corpus actual, Corpus expected) {
    assertThat(actual.sessionCount()).as("sessions").isPositive();
    assertThat(describe(actual)).isEqualTo(describe(expected));
    assertThat(actual.products()).isEqualTo(expected.products());
    assertThat(actual.eventTypes()).isEqualTo(expected.eventTypes());
    assertThat(actual.info()).isEqualTo(expected.info());
    for (int p = 0; p < expected.products().size(); p++) {
      assertThat(actual.catalog().category(p)).as("category of %s", expected.products().id(p))
          .isEqualTo(expected.catalog().category(p));
    }
    assertThat(CorpusFile.checksum(actual)).isEqualTo(CorpusFile.checksum(expected));
  }

  /** One line per session: customer, then product@time/type for each event. */
  private static List<String> describe(Corpus c) {
    List<String> lines = new ArrayList<>();
    for (int s = 0; s < c.sessionCount(); s++) {
      StringBuilder sb = new StringBuilder();
      int cu = c.sessionCustomer(s);
      sb.append(cu < 0 ? "-" : c.customerId(cu)).append(':');
      for (int e = c.sessionStart(s); e < c.sessionEnd(s); e++) {
        sb.append(' ').append(c.products().id(c.item(e))).append('@').append(c.time(e))
            .append('/').append(c.eventTypes().get(c.type(e)));
      }
      lines.add(sb.toString());
    }
    return lines;
  }

  private static String catchMessage(Runnable r) {
    try {
      r.run();
    } catch (BadInputException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a BadInputException");
  }

  /** Malformed rows, blank lines, CRLF, quotes, ties, repeats, a bot, many event names. */
  private static byte[] messyLog(int variant) {
    StringBuilder sb = new StringBuilder();
    sb.append("customer_id,product_id,timestamp,event\r\n");
    String day = variant == 0 ? "2026-03-01" : "2026-03-02";
    sb.append("c1,p1,").append(day).append("T10:00:00Z,view\r\n");
    sb.append("c1,p2,").append(day).append("T10:00:00Z,pv\r\n"); // tie: input order
    sb.append("c2,p2,").append(day).append("T10:00:00Z,clicks\n"); // tie across customers
    sb.append("\n");
    sb.append("c2,\"p,3\",").append(day).append("T10:01:00Z,cart\n"); // quoted comma
    sb.append("c2,\"p\"\"4\",").append(day).append("T10:02:00+01:00,addtocart\n");
    sb.append("c1,p2,").append(day).append("T10:03:00Z,view\n"); // repeat
    sb.append("c1,p2,").append(day).append("T10:04:00Z,view\n");
    sb.append("c1,p1,").append(day).append("T11:40:00Z,view\n"); // new session after the gap
    sb.append("c1,p3,").append(day).append("T11:41:00.5Z,purchase\n");
    sb.append(",p1,").append(day).append("T10:00:00Z,view\n"); // empty customer
    sb.append("c3, ,").append(day).append("T10:00:00Z,view\n"); // empty product
    sb.append("c3,p1,yesterday,view\n"); // unparseable
    sb.append("c3,p1,1970-01-01T00:00:00Z,view\n"); // impossible
    sb.append("c3,p1\n"); // missing field
    sb.append("c3,\"p1,").append(day).append("T10:00:00Z,view\n"); // unterminated quote
    sb.append("c4,p5,").append(day).append("T09:00:00Z,Zoom\n"); // an unknown event, kept
    sb.append("c4,p6,").append(day).append("T09:00:30Z,view\n");
    sb.append("c5,p1,").append(day).append("T12:00:00Z,view\n");
    sb.append("c5,p2,").append(day).append("T12:00:00Z,view\n");
    for (int i = 0; i < 40; i++) { // a bot: 40 views in 20 seconds
      sb.append("bot,p").append(i % 7).append(',').append(day).append("T13:00:")
          .append(String.format(java.util.Locale.ROOT, "%02d", i / 2)).append("Z,view\n");
    }
    byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
    byte[] invalid = new byte[] {'c', '6', ',', 'p', (byte) 0xC3, (byte) 0x28, ','};
    byte[] tail = (day + "T10:00:00Z,view\nc6,p1," + day + "T10:05:00Z,view\nc6,p\u00e9,"
        + day + "T10:06:00Z,view\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[text.length + invalid.length + tail.length];
    System.arraycopy(text, 0, out, 0, text.length);
    System.arraycopy(invalid, 0, out, text.length, invalid.length);
    System.arraycopy(tail, 0, out, text.length + invalid.length, tail.length);
    return out;
  }
}
