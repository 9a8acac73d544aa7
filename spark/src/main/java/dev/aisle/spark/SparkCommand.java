package dev.aisle.spark;

import dev.aisle.BadInputException;
import dev.aisle.ingest.Grouping;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.LogFormat;
import dev.aisle.ingest.Preset;
import dev.aisle.ingest.TimeFormat;
import dev.aisle.model.Params;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.session.CleaningOptions;
import dev.aisle.session.Durations;
import dev.aisle.spark.ingest.SparkLogReader;
import dev.aisle.spark.item2vec.PartitionedItem2Vec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code aisle spark}: the ingest and training job on Spark, in-process ({@code --master
 * local[2]}) or submitted to a cluster with {@code spark-submit}. The log options are those of
 * {@code aisle ingest}, with the same names, defaults and meaning (this module cannot use the CLI
 * module's option classes: it would pull the HTTP server into the job jar).
 */
@Command(
    name = "aisle spark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    versionProvider = SparkCommand.Version.class,
    description = {"Read browse logs, sessionize, clean and train on Apache Spark; write an Aisle "
        + "model file that 'aisle serve' and 'aisle recommend' load.",
        "Sessions are exactly those of 'aisle ingest' with the same options. Algorithms: cooc "
            + "(co-occurrence / LLR indicators) and item2vec."},
    footer = {"", "Examples:",
        "  aisle spark --master 'local[2]' --format session-rec --input clicks.tsv "
            + "--algorithm cooc --out yc.model",
        "  aisle spark --format taobao --input UserBehavior.csv --algorithm item2vec "
            + "-p epochs=20 --out tb.model",
        "  spark-submit --class dev.aisle.spark.SparkCommand aisle-spark-job.jar "
            + "--format otto --input hdfs:///logs/otto.jsonl --algorithm cooc -p score=llr "
            + "--out otto.model",
        "", "Exit codes: 0 ok, 1 failure, 2 bad input or usage."})
public final class SparkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, e.g. local[2]. Default: spark-submit's, else local[*].")
  String master;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
      description = "A browse log (repeat for several; local or any Hadoop file system path).")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--input-type", paramLabel = "auto|text|parquet", defaultValue = "auto",
      description = "Text logs (CSV, TSV, JSON lines; gzip as .gz) or Parquet; auto takes "
          + "Parquet for .parquet names and directories. Default: ${DEFAULT-VALUE}.")
  String inputType;

  @Option(names = "--algorithm", required = true, paramLabel = "cooc|item2vec",
      description = "The model to train.")
  String algorithm;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
      description = "A hyperparameter as for 'aisle train', e.g. -p score=llr, -p dim=64.")
  List<String> params = new ArrayList<>();

  @Option(names = "--item2vec-trainer", paramLabel = "aisle|spark-ml", defaultValue = "aisle",
      description = "aisle: Aisle's trainer on every partition, updates combined between "
          + "rounds; spark-ml: Spark ML's Word2Vec. Default: ${DEFAULT-VALUE}.")
  String trainer;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "0",
      description = "Rounds of the aisle item2vec trainer: how often the partitions' updates "
          + "are combined (0 = after every epoch). Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--combine", paramLabel = "sum|mean", defaultValue = "sum",
      description = "How the aisle item2vec trainer combines the partitions' updates: add them, "
          + "or average them (parameter averaging). Default: ${DEFAULT-VALUE}.")
  String combine;

  @Option(names = "--seed", defaultValue = "42",
      description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "MODEL",
      description = "The model file to write (on the driver, atomically).")
  Path out;

  @Option(names = "--corpus-out", paramLabel = "CORPUS",
      description = "Also write the sessions as an Aisle corpus (collected on the driver).")
  Path corpusOut;

  @Option(names = "--format", paramLabel = "F", defaultValue = "aisle",
      description = "Log format: aisle, session-rec, diginetica, taobao, otto, retailrocket, "
          + "or csv, tsv, jsonl with the column options. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--session-col", paramLabel = "COL",
      description = "Column with session ids: group by session (name, or 1-based position).")
  String sessionCol;

  @Option(names = "--customer-col", paramLabel = "COL",
      description = "Column with customer ids: split each customer's events at the session gap.")
  String customerCol;

  @Option(names = "--product-col", paramLabel = "COL", description = "Column with product ids.")
  String productCol;

  @Option(names = "--time-col", paramLabel = "COL", description = "Column with the timestamp.")
  String timeCol;

  @Option(names = "--offset-col", paramLabel = "COL",
      description = "Column with a millisecond offset added to the time (date+offset-ms).")
  String offsetCol;

  @Option(names = "--time-format", paramLabel = "TF",
      description = "epoch-s, epoch-ms, epoch-float, iso or date+offset-ms.")
  String timeFormat;

  @Option(names = "--event-col", paramLabel = "COL",
      description = "Column with the event type (view, cart, ...).")
  String eventCol;

  @Option(names = "--events", paramLabel = "TYPES", split = ",",
      description = "Keep only these event types, e.g. view,cart. Default: all.")
  List<String> events;

  @Option(names = "--delimiter", paramLabel = "D",
      description = "Field delimiter of delimited logs: ',', ';', '\\t' or 'tab'.")
  String delimiter;

  @Option(names = "--no-header", description = "The delimited log has no header line.")
  boolean noHeader;

  @Option(names = "--session-gap", paramLabel = "DURATION", defaultValue = "30m",
      converter = DurationConverter.class,
      description = "A pause longer than this starts a new session (e.g. 30m, 1h). "
          + "Default: ${DEFAULT-VALUE}.")
  Duration sessionGap;

  @Option(names = "--repeats", paramLabel = "keep|collapse", defaultValue = "keep",
      description = "Keep or collapse consecutive views of the same product. "
          + "Default: ${DEFAULT-VALUE}.")
  String repeats;

  @Option(names = "--min-session-length", paramLabel = "N", defaultValue = "2",
      description = "Drop sessions with fewer events. Default: ${DEFAULT-VALUE}.")
  int minSessionLength;

  @Option(names = "--min-product-count", paramLabel = "N", defaultValue = "5",
      description = "Drop products browsed fewer times. Default: ${DEFAULT-VALUE}.")
  int minProductCount;

  @Option(names = "--bot-max-session-length", paramLabel = "N", defaultValue = "1000",
      description = "A customer with a longer session is a bot and dropped (0 = off). "
          + "Default: ${DEFAULT-VALUE}.")
  int botMaxSessionLength;

  @Option(names = "--bot-max-rate", paramLabel = "PER_MIN", defaultValue = "60",
      description = "A customer browsing faster than this many events a minute over a session "
          + "of 10+ events is a bot and dropped (0 = off). Default: ${DEFAULT-VALUE}.")
  double botMaxRate;

  @Option(names = "--strict", description = "Stop at the first malformed row (exit code 2).")
  boolean strict;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Algorithm a = Algorithm.fromLabel(algorithm);
    SparkJob.Plan plan = new SparkJob.Plan(inputs, ingestOptions(), cleaning(), storage(), a,
        Params.parse(params), SparkJob.Item2VecTrainerKind.fromLabel(trainer), rounds,
        combine(), seed, out(this.out), corpusOut);
    a.prepare(Params.parse(params)); // unknown or bad parameters fail before Spark starts
    String m = master != null ? master
        : System.getProperty("spark.master") != null ? null : "local[*]";
    SparkSession spark = SparkSessions.builder(m, "aisle spark").getOrCreate();
    try {
      SparkJob.Result r = SparkJob.run(spark, plan, err);
      out.printf(Locale.ROOT, "trained %s on Spark (%s) in %.1f s%n", a.label(),
          spark.sparkContext().master(), r.seconds());
      out.printf(Locale.ROOT, "options %s%n", r.info().options());
      out.printf(Locale.ROOT, "wrote %s (%d products, checksum %s)%n", this.out,
          r.model().products().size(), r.checksum());
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static Path out(Path p) {
    Path parent = p.toAbsolutePath().getParent();
    if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
      throw new IllegalArgumentException("--out: directory " + parent + " does not exist");
    }
    return p;
  }

  private PartitionedItem2Vec.Combine combine() {
    switch (combine.toLowerCase(Locale.ROOT)) {
      case "sum":
        return PartitionedItem2Vec.Combine.SUM;
      case "mean":
        return PartitionedItem2Vec.Combine.MEAN;
      default:
        throw new IllegalArgumentException("--combine must be sum or mean, was '" + combine
            + "'");
    }
  }

  private SparkLogReader.Storage storage() {
    switch (inputType.toLowerCase(Locale.ROOT)) {
      case "auto":
        return null;
      case "text":
        return SparkLogReader.Storage.TEXT;
      case "parquet":
        return SparkLogReader.Storage.PARQUET;
      default:
        throw new IllegalArgumentException("--input-type must be auto, text or parquet, was '"
            + inputType + "'");
    }
  }

  /** The log format: the preset with any column options laid over it (as aisle ingest). */
  LogFormat logFormat() {
    LogFormat f = Preset.fromLabel(format).format();
    if (sessionCol != null) {
      f = f.withGrouping(Grouping.SESSION, sessionCol,
          customerCol != null ? customerCol : f.customerColumn());
    } else if (customerCol != null) {
      f = f.withGrouping(Grouping.CUSTOMER, null, customerCol);
    }
    f = f.withColumns(productCol, timeCol, offsetCol, eventCol);
    if (timeFormat != null) {
      f = f.withTimeFormat(TimeFormat.fromLabel(timeFormat));
    }
    if (delimiter != null || noHeader) {
      f = f.withText(delimiter == null ? f.delimiter() : parseDelimiter(delimiter),
          f.header() && !noHeader);
    }
    return f;
  }

  private static char parseDelimiter(String d) {
    switch (d) {
      case "\\t":
      case "tab":
      case "\t":
        return '\t';
      default:
        if (d.length() != 1) {
          throw new IllegalArgumentException("--delimiter must be one character or 'tab', was '"
              + d + "'");
        }
        return d.charAt(0);
    }
  }

  CleaningOptions cleaning() {
    if (!repeats.equals("keep") && !repeats.equals("collapse")) {
      throw new IllegalArgumentException("--repeats must be keep or collapse, was '" + repeats
          + "'");
    }
    return new CleaningOptions(repeats.equals("collapse"), minSessionLength, minProductCount,
        botMaxSessionLength, botMaxRate);
  }

  IngestOptions ingestOptions() {
    return new IngestOptions(logFormat(), events == null ? null : new LinkedHashSet<>(events),
        sessionGap, strict);
  }

  /** Runs the command; exit codes as the aisle command's. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line: bad input exits with 2, other failures with 1. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SparkCommand());
    cl.setExecutionExceptionHandler((e, c, parsed) -> {
      PrintWriter err = c.getErr();
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof BadInputException)) {
        cause = cause.getCause(); // Spark wraps what a task threw
      }
      if (cause instanceof BadInputException || e instanceof IllegalArgumentException) {
        err.println("aisle: error: " + (cause instanceof BadInputException
            ? cause.getMessage() : e.getMessage()));
        return 2;
      }
      err.println("aisle: failed: " + e);
      if (System.getenv("AISLE_DEBUG") != null) {
        e.printStackTrace(err);
      } else {
        err.println("(set AISLE_DEBUG=1 for the stack trace)");
      }
      return 1;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("aisle: " + ex.getMessage());
      err.println("Run 'aisle spark --help' for usage.");
      return 2;
    });
    return cl;
  }

  /** Reads durations such as {@code 30m}, {@code 90s}, {@code 1h30m}, {@code 2d} or ISO-8601. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The version of this build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"aisle " + dev.aisle.AisleVersion.get()};
    }
  }
}
