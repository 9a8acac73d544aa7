package dev.aisle.spark;

import dev.aisle.AisleVersion;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.model.ModelInfo;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.cooc.CoocOptions;
import dev.aisle.model.item2vec.Item2VecOptions;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.session.CleaningOptions;
import dev.aisle.spark.cooc.SparkCooc;
import dev.aisle.spark.ingest.LogInput;
import dev.aisle.spark.ingest.SparkLogReader;
import dev.aisle.spark.item2vec.PartitionedItem2Vec;
import dev.aisle.spark.item2vec.SparkWord2Vec;
import dev.aisle.spark.session.Sessions;
import dev.aisle.spark.session.SparkSessionizer;
import java.io.PrintWriter;
import java.time.Duration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The whole Spark job: logs to sessions (the corpus {@code aisle ingest} would make) to a model
 * file that {@code aisle serve} and {@code aisle recommend} load.
 *
 * <pre>
 * SparkJob.Result r = SparkJob.run(spark, new SparkJob.Plan(List.of("clicks.tsv"), ingest,
 *     CleaningOptions.DEFAULTS, null, Algorithm.COOC, Params.none(), Item2VecTrainerKind.AISLE,
 *     0, PartitionedItem2Vec.Combine.SUM, 42, Path.of("yc.model"), null), err);
 * </pre>
 */
public final class SparkJob {
  private SparkJob() {}

  /** How item2vec is trained on Spark. */
  public enum Item2VecTrainerKind {
    /** Aisle's trainer on each partition, updates combined between rounds. */
    AISLE("aisle"),
    /** Spark ML's Word2Vec (hierarchical softmax). */
    SPARK_ML("spark-ml");

    private final String label;

    Item2VecTrainerKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Item2VecTrainerKind fromLabel(String s) {
      for (Item2VecTrainerKind k : values()) {
        if (k.label.equalsIgnoreCase(s.trim())) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown item2vec trainer '" + s
          + "'; use aisle or spark-ml");
    }
  }

  /**
   * What to run.
   *
   * @param inputs log files (any Hadoop file system path)
   * @param storage text or Parquet, or null to guess from the names
   * @param params the algorithm's hyperparameters, as for {@code aisle train}
   * @param rounds combining rounds for the Aisle item2vec trainer; 0 = one per epoch
   * @param combine how the Aisle item2vec trainer combines the partitions' updates
   * @param corpusOut where to write the sessions as an Aisle corpus too, or null
   */
  public record Plan(List<String> inputs, IngestOptions ingest, CleaningOptions cleaning,
      SparkLogReader.Storage storage, Algorithm algorithm, Params params,
      Item2VecTrainerKind trainer, int rounds, PartitionedItem2Vec.Combine combine, long seed,
      Path out, Path corpusOut) {
    public Plan {
      if (algorithm != Algorithm.COOC && algorithm != Algorithm.ITEM2VEC) {
        throw new IllegalArgumentException("the Spark job trains cooc or item2vec, not "
            + algorithm.label());
      }
      if (rounds < 0) {
        throw new IllegalArgumentException("rounds must be >= 0 (0 = one per epoch), was "
            + rounds);
      }
    }
  }

  /** What the job did. */
  public record Result(Sessions sessions, Recommender model, ModelInfo info, String checksum,
      double seconds) {}

  /** How often a running Spark stage is reported. */
  static final Duration PROGRESS_PERIOD = Duration.ofSeconds(10);

  /** Runs the plan; progress lines go to {@code err}, Spark's stages' too ({@link StageProgress}). */
  public static Result run(SparkSession spark, Plan plan, PrintWriter err) {
    StageProgress progress = new StageProgress(err, PROGRESS_PERIOD);
    spark.sparkContext().addSparkListener(progress);
    try {
      return runPlan(spark, plan, err);
    } finally {
      spark.sparkContext().removeSparkListener(progress);
    }
  }

  private static Result runPlan(SparkSession spark, Plan plan, PrintWriter err) {
    long t0 = System.nanoTime();
    Algorithm.Training training = plan.algorithm().prepare(plan.params());
    LogInput input = plan.storage() == null
        ? SparkLogReader.read(spark, plan.inputs(), plan.ingest())
        : SparkLogReader.read(spark, plan.inputs(), plan.ingest(), plan.storage());
    Sessions sessions = SparkSessionizer.sessionize(spark, input, plan.ingest(),
        plan.cleaning());
    long count = sessions.count();
    input.report().skippedEvents().forEach((reason, n) ->
        err.printf(Locale.ROOT, "skipped %,d events: %s%n", n, reason.description()));
    for (String example : input.report().examples()) {
      err.println("  " + example);
    }
    err.printf(Locale.ROOT, "%,d sessions of %,d products%n", count, sessions.products().size());
    String corpusChecksum = null;
    long events = 0;
    for (int p = 0; p < sessions.products().size(); p++) {
      events += sessions.products().count(p);
    }
    if (plan.corpusOut() != null) {
      Corpus corpus = sessions.toCorpus(plan.ingest(), plan.cleaning());
      corpusChecksum = CorpusFile.write(corpus, plan.corpusOut());
      err.printf(Locale.ROOT, "wrote %s (checksum %s)%n", plan.corpusOut(), corpusChecksum);
    }
    Recommender model;
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("spark.master", spark.sparkContext().master());
    if (plan.algorithm() == Algorithm.COOC) {
      model = SparkCooc.train(sessions, (CoocOptions) training.options());
    } else {
      Item2VecOptions o = ((Item2VecOptions) training.options()).forEvents(events);
      extra.put("spark.trainer", plan.trainer().label());
      int partitions = spark.sparkContext().defaultParallelism();
      extra.put("spark.partitions", partitions);
      if (plan.trainer() == Item2VecTrainerKind.AISLE) {
        int rounds = plan.rounds() == 0 ? o.epochs() : Math.min(plan.rounds(), o.epochs());
        extra.put("spark.rounds", rounds);
        extra.put("spark.combine", plan.combine().name().toLowerCase(Locale.ROOT));
        model = PartitionedItem2Vec.train(sessions, o, plan.seed(), rounds, partitions,
            plan.combine());
      } else {
        model = SparkWord2Vec.train(sessions, o, plan.seed(), partitions);
      }
    }
    ModelInfo base = ModelFile.info(model, training, plan.seed(),
        spark.sparkContext().defaultParallelism(), corpusChecksum, events);
    Map<String, Object> options = new LinkedHashMap<>(base.options());
    options.putAll(extra);
    ModelInfo info = new ModelInfo(base.algorithm(), options, base.seed(), base.threads(),
        base.corpusChecksum(), base.corpusEvents(), AisleVersion.get());
    String checksum = ModelFile.write(model, info, plan.out());
    return new Result(sessions, model, info, checksum, (System.nanoTime() - t0) / 1e9);
  }
}
