package dev.aisle.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import dev.aisle.BadInputException;
import dev.aisle.ingest.ColumnLayout;
import dev.aisle.ingest.DelimitedLine;
import dev.aisle.ingest.EventTypes;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.IngestReport;
import dev.aisle.ingest.LogFormat;
import dev.aisle.ingest.RowParser;
import dev.aisle.ingest.SkipReason;
import dev.aisle.ingest.TimeFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads browse logs on Spark into {@link ParsedRows}, row for row as {@code aisle ingest} reads
 * them. Delimited text and JSON lines are read as lines with Hadoop's {@code TextInputFormat}
 * (split across tasks; gzip files, named {@code .gz}, in one task each) and parsed by {@link
 * RowParser}, core's own parser; each row keeps its input position (file, byte offset or line) so that events with
 * equal times stay in input order, as ingest keeps them. Parquet is read with Spark's own reader,
 * its columns found by the same names, and validated the same way.
 *
 * <pre>
 * LogInput in = SparkLogReader.read(spark, List.of("clicks.tsv"),
 *     new IngestOptions(Preset.SESSION_REC.format(), null, Duration.ofMinutes(30), false));
 * </pre>
 */
public final class SparkLogReader {
  /** How a log's files are stored. */
  public enum Storage {
    /** Delimited text or JSON lines, plain or gzip: as {@code aisle ingest} reads them. */
    TEXT,
    /** Parquet files (or directories of them), columns found by name. */
    PARQUET;

    /** Parquet when every input ends in {@code .parquet} or is a directory; else text. */
    static Storage guess(Configuration conf, List<String> inputs) {
      for (String in : inputs) {
        if (!in.toLowerCase(Locale.ROOT).endsWith(".parquet") && !isDirectory(conf, in)) {
          return TEXT;
        }
      }
      return PARQUET;
    }
  }

  /** Event types a log may have before its event column is taken for a wrong one. */
  private static final int MAX_EVENT_TYPES = 100;

  private SparkLogReader() {}

  /** Reads {@code inputs}, telling text from Parquet by {@link Storage#guess}. */
  public static LogInput read(SparkSession spark, List<String> inputs, IngestOptions options) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    return read(spark, inputs, options, Storage.guess(conf, inputs));
  }

  /**
   * Reads {@code inputs} in the given storage.
   *
   * @throws BadInputException for a file that cannot be read as the format at all, no usable
   *     events, or (strict) the first malformed row
   */
  public static LogInput read(SparkSession spark, List<String> inputs, IngestOptions options,
      Storage storage) {
    if (inputs.isEmpty()) {
      throw new BadInputException("no input files given");
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = jsc.hadoopConfiguration();
    LogFormat format = options.format();
    List<String> names = new ArrayList<>();
    Dataset<Row> rows;
    if (storage == Storage.PARQUET) {
      rows = readParquet(spark, inputs, options);
      for (String in : inputs) {
        names.add(new Path(in).getName() + " (" + size(conf, in) + " bytes)");
      }
    } else {
      JavaRDD<Row> all = null;
      for (int f = 0; f < inputs.size(); f++) {
        String in = inputs.get(f);
        names.add(new Path(in).getName() + " (" + size(conf, in) + " bytes)");
        JavaRDD<Row> one = readText(jsc, conf, f, in, options);
        all = all == null ? one : all.union(one);
      }
      rows = spark.createDataFrame(all, ParsedRows.SCHEMA);
    }
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK());
    IngestReport report = report(rows, inputs, options, storage, conf);
    List<String> types = eventTypes(rows, options, inputs);
    if (rows.filter(col("stage").equalTo(ParsedRows.ACCEPTED)).isEmpty()) {
      throw new BadInputException("no usable events in " + inputs.get(0)
          + (inputs.size() > 1 ? " and " + (inputs.size() - 1) + " more" : "") + ": "
          + report.skippedEvents().entrySet().stream()
              .map(e -> e.getValue() + " " + e.getKey().description()).toList());
    }
    return new LogInput(rows, report, types, names);
  }

  private static JavaRDD<Row> readText(JavaSparkContext jsc, Configuration base, int file,
      String input, IngestOptions options) {
    LogFormat format = options.format();
    Path path = new Path(input);
    Configuration conf = new Configuration(base);
    conf.set("textinputformat.record.delimiter", "\n");
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    byte[] first = firstLine(conf, input, codec);
    ColumnLayout cols = format.syntax() == LogFormat.Syntax.DELIMITED
        ? ColumnLayout.resolve(input, format, first, 0, first.length) : null;
    boolean skipHeader = cols != null && format.header();
    boolean compressed = codec != null;
    RowParser parser = new RowParser(format, options.events(), cols);
    return jsc.newAPIHadoopFile(input, TextInputFormat.class, LongWritable.class, Text.class, conf)
        .mapPartitions(lines -> parseLines(parser, format, file, compressed, skipHeader, lines));
  }

  private static Iterator<Row> parseLines(RowParser parser, LogFormat format, int file,
      boolean compressed, boolean skipHeader,
      Iterator<scala.Tuple2<LongWritable, Text>> lines) {
    List<Row> out = new ArrayList<>();
    ParsedRows.Collector rows = new ParsedRows.Collector(format, out);
    long index = 0;
    byte[] buf = new byte[256];
    while (lines.hasNext()) {
      scala.Tuple2<LongWritable, Text> line = lines.next();
      // a compressed file is one split: its line index is exact; a plain file's byte offset is
      long pos = compressed ? index++ : line._1().get();
      if (skipHeader && pos == 0) {
        continue;
      }
      Text t = line._2();
      int len = t.getLength();
      if (len > buf.length) {
        buf = new byte[Math.max(len, buf.length * 2)];
      }
      System.arraycopy(t.getBytes(), 0, buf, 0, len);
      if (len > 0 && buf[len - 1] == '\r') {
        len--;
      }
      rows.at(file, pos);
      parser.parse(buf, 0, len, rows);
    }
    return out.iterator();
  }

  /** The first line of a text input, checked for the problems ingest reports up front. */
  private static byte[] firstLine(Configuration conf, String input, CompressionCodec codec) {
    Path path = new Path(input);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new BadInputException(input + ": no such file");
      }
      FileStatus status = fs.getFileStatus(path);
      if (status.isDirectory()) {
        throw new BadInputException(input + ": is a directory, not a log file");
      }
      try (InputStream raw = fs.open(path)) {
        int b1 = raw.read();
        int b2 = raw.read();
        if (b1 == 0x1f && b2 == 0x8b && codec == null) {
          throw new BadInputException(input + ": is gzip-compressed but not named .gz; Hadoop "
              + "picks the codec by the file name: rename it to " + path.getName() + ".gz");
        }
      }
      try (InputStream in = codec == null ? fs.open(path)
          : codec.createInputStream(fs.open(path))) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0 && c != '\n') {
          line.write(c);
          any = true;
        }
        if (!any && c < 0) {
          throw new BadInputException(input + ": empty file");
        }
        byte[] b = line.toByteArray();
        return b.length > 0 && b[b.length - 1] == '\r' ? Arrays.copyOf(b, b.length - 1) : b;
      }
    } catch (IOException e) {
      throw new BadInputException(input + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static boolean isDirectory(Configuration conf, String input) {
    try {
      Path p = new Path(input);
      FileSystem fs = p.getFileSystem(conf);
      return fs.exists(p) && fs.getFileStatus(p).isDirectory();
    } catch (IOException e) {
      return false;
    }
  }

  private static long size(Configuration conf, String input) {
    try {
      Path p = new Path(input);
      return p.getFileSystem(conf).getContentSummary(p).getLength();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Reads Parquet: the format's columns are found by name (as in a header), values are turned
   * into text and validated as a JSON-lines record would be. Timestamps become epoch ms.
   */
  private static Dataset<Row> readParquet(SparkSession spark, List<String> inputs,
      IngestOptions options) {
    Dataset<Row> df = spark.read().parquet(inputs.toArray(String[]::new));
    LogFormat format = options.format();
    String[] wanted = RowParser.columns(format);
    int[] index = new int[wanted.length];
    boolean[] required = {true, false, true, true, true, true, false};
    StructField[] fields = df.schema().fields();
    List<String> header = Arrays.stream(fields).map(StructField::name).toList();
    for (int i = 0; i < wanted.length; i++) {
      index[i] = -1;
      if (wanted[i] == null) {
        continue;
      }
      String norm = DelimitedLine.normalizeName(wanted[i]);
      for (int c = 0; c < fields.length; c++) {
        if (DelimitedLine.normalizeName(fields[c].name()).equals(norm)) {
          index[i] = c;
        }
      }
      if (index[i] < 0 && required[i]) {
        throw new BadInputException(String.format(Locale.ROOT,
            "%s: missing column '%s' (format %s); the Parquet schema has: %s", inputs.get(0),
            wanted[i], format.name(), String.join(", ", header)));
      }
    }
    int time = index[RowParser.TIME];
    DataType timeType = fields[time].dataType();
    boolean timestamp = timeType.equals(DataTypes.TimestampType)
        || timeType.equals(DataTypes.TimestampNTZType) || timeType.equals(DataTypes.DateType);
    Dataset<Row> src = df;
    if (timestamp) {
      // a timestamp column is read as epoch ms whatever --time-format says
      src = df.withColumn(fields[time].name(),
          functions.unix_millis(col(fields[time].name()).cast(DataTypes.TimestampType)));
      format = format.withTimeFormat(TimeFormat.EPOCH_MS);
    }
    RowParser parser = new RowParser(format, options.events(), null);
    LogFormat parsed = format;
    return spark.createDataFrame(src.withColumn("__aisle_pos",
        functions.monotonically_increasing_id()).javaRDD().mapPartitions(it -> {
          List<Row> out = new ArrayList<>();
          ParsedRows.Collector rows = new ParsedRows.Collector(parsed, out);
          while (it.hasNext()) {
            Row r = it.next();
            String[] values = new String[index.length];
            for (int i = 0; i < index.length; i++) {
              values[i] = index[i] < 0 || r.isNullAt(index[i]) ? null : text(r.get(index[i]));
            }
            rows.at(0, r.getLong(r.length() - 1));
            parser.parseValues(values, rows);
          }
          return out.iterator();
        }), ParsedRows.SCHEMA);
  }

  /** A Parquet value as the text a log would have: plain decimals, never exponents. */
  private static String text(Object v) {
    if (v instanceof Double d) {
      return BigDecimal.valueOf(d).toPlainString();
    }
    if (v instanceof Float f) {
      return new BigDecimal(Float.toString(f)).toPlainString();
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof byte[] b) {
      return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
    return v.toString();
  }

  /**
   * Counts skips by reason into an ingest report, with the first malformed rows as examples (in
   * input order, with their line numbers); under strict mode the first one throws.
   */
  private static IngestReport report(Dataset<Row> rows, List<String> inputs,
      IngestOptions options, Storage storage, Configuration conf) {
    IngestReport report = new IngestReport(options.strict());
    List<Row> counts = rows.groupBy("file", "skip").count().collectAsList();
    long[] perFile = new long[inputs.size()];
    Map<SkipReason, Long> byReason = new EnumMap<>(SkipReason.class);
    for (Row r : counts) {
      perFile[r.getInt(0)] += r.getLong(2);
      if (!r.isNullAt(1)) {
        byReason.merge(SkipReason.valueOf(r.getString(1)), r.getLong(2), Long::sum);
      }
    }
    if (storage == Storage.TEXT) {
      for (int f = 0; f < inputs.size(); f++) {
        if (perFile[f] == 0) {
          throw new BadInputException(inputs.get(f) + (options.format().syntax()
              == LogFormat.Syntax.DELIMITED ? ": has a header but no rows" : ": empty file"));
        }
      }
    }
    List<String> malformed = Arrays.stream(SkipReason.values()).filter(SkipReason::malformed)
        .map(SkipReason::name).toList();
    List<Row> first = rows.filter(col("skip").isInCollection(malformed))
        .orderBy("file", "pos", "sub").limit(IngestReport.MAX_EXAMPLES)
        .select("file", "pos", "skip", "field").collectAsList();
    Map<SkipReason, Long> examples = new EnumMap<>(SkipReason.class);
    for (Row r : first) {
      SkipReason reason = SkipReason.valueOf(r.getString(2));
      String file = inputs.get(r.getInt(0));
      long line = storage == Storage.PARQUET ? r.getLong(1) + 1
          : lineNumber(conf, file, r.getLong(1));
      // Parquet has no lines: its rows are named by Spark's record id, counted from 1
      report.skipRow(reason, storage == Storage.PARQUET ? file + " (Parquet record)" : file, line,
          r.isNullAt(3) ? null : r.getString(3));
      examples.merge(reason, 1L, Long::sum);
    }
    byReason.forEach((reason, n) -> {
      long rest = n - examples.getOrDefault(reason, 0L);
      if (rest > 0) {
        report.removed(reason, rest, 0);
      }
    });
    return report;
  }

  /** The 1-based line of a row given its position (line index when compressed, else offset). */
  private static long lineNumber(Configuration conf, String input, long pos) {
    Path path = new Path(input);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    if (codec != null) {
      return pos + 1;
    }
    try (InputStream in = new java.io.BufferedInputStream(
        path.getFileSystem(conf).open(path), 1 << 16)) {
      long line = 1;
      for (long i = 0; i < pos; i++) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        if (c == '\n') {
          line++;
        }
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Event type names in the order ingest numbers them: {@code view} first when it is selected,
   * then the others by first appearance.
   */
  private static List<String> eventTypes(Dataset<Row> rows, IngestOptions options,
      List<String> inputs) {
    List<Row> seen = rows.filter(col("stage").geq(ParsedRows.TYPED))
        .groupBy("type").agg(min(struct("file", "pos", "sub")).as("first"))
        .orderBy(col("first")).select("type", "first").collectAsList();
    List<String> types = new ArrayList<>();
    if (options.events() == null || options.events().contains(EventTypes.VIEW)) {
      types.add(EventTypes.VIEW);
    }
    for (Row r : seen) {
      String t = r.getString(0);
      if (!types.contains(t)) {
        types.add(t);
      }
      if (types.size() > MAX_EVENT_TYPES) {
        throw new BadInputException(inputs.get(r.getStruct(1).getInt(0)) + ": column '"
            + options.format().eventColumn() + "' has more than " + MAX_EVENT_TYPES
            + " distinct event types; is --event-col right?");
      }
    }
    return types;
  }
}
