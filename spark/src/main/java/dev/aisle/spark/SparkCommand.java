package dev.aisle.spark;

import dev.aisle.BadInputException;
import dev.aisle.model.Params;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.options.LogOptions;
import dev.aisle.spark.ingest.SparkLogReader;
import dev.aisle.spark.item2vec.PartitionedItem2Vec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aisle spark}: the ingest and training job on Spark, in-process ({@code --master
 * local[2]}) or submitted to a cluster with {@code spark-submit}. The log options are those of
 * {@code aisle ingest}: the same {@link LogOptions} mixin.
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

  @Mixin LogOptions log = new LogOptions();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Algorithm a = Algorithm.fromLabel(algorithm);
    SparkJob.Plan plan = new SparkJob.Plan(inputs, log.ingestOptions(), log.cleaning(), storage(), a,
        Params.parse(params), SparkJob.Item2VecTrainerKind.fromLabel(trainer), rounds,
        combine(), seed, out(this.out), corpusOut);
    a.prepare(Params.parse(params)); // unknown or bad parameters fail before Spark starts
    String m = master != null ? master
        : System.getProperty("spark.master") != null ? null : "local[*]";
    SparkSession spark = SparkSetup.builder(m, "aisle spark").getOrCreate();
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

  /** The version of this build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"aisle " + dev.aisle.AisleVersion.get()};
    }
  }
}
