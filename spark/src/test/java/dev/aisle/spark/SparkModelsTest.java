package dev.aisle.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aisle.SharedData;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.eval.Comparison;
import dev.aisle.eval.TestSessions;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.model.ModelInfo;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.model.TrainContext;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.model.cooc.CoocOptions;
import dev.aisle.model.item2vec.Item2VecModel;
import dev.aisle.model.item2vec.Item2VecOptions;
import dev.aisle.model.item2vec.Item2VecTrainer;
import dev.aisle.model.pop.PopularityModel;
import dev.aisle.model.pop.PopularityOptions;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.session.CleaningOptions;
import dev.aisle.spark.cooc.SparkCooc;
import dev.aisle.spark.ingest.SparkLogReader;
import dev.aisle.spark.item2vec.PartitionedItem2Vec;
import dev.aisle.spark.item2vec.SparkWord2Vec;
import dev.aisle.spark.session.Sessions;
import dev.aisle.spark.session.SparkSessionizer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models trained on Spark against the embedded trainers, on the yoochoose-100k validation pair
 * ({@code train_tr} to train, {@code train_valid} to test, session-rec's protocol as the README
 * reports it).
 */
class SparkModelsTest {
  /** session-rec's protocol: no product or length filter (bots off too, to keep the test quick). */
  private static final CleaningOptions NO_FILTER = CleaningOptions.none();
  private static SparkSession spark;
  private static Sessions sessions;
  private static Corpus train;
  private static TestSessions test;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    Path tr = SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_tr.txt");
    Path va = SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_valid.txt");
    spark = TestSpark.start(); // after the data is found: without it the class is skipped
    IngestOptions options = new IngestOptions(Preset.SESSION_REC.format(), null,
        Duration.ofMinutes(30), false);
    sessions = SparkSessionizer.sessionize(spark,
        SparkLogReader.read(spark, List.of(tr.toString()), options), options, NO_FILTER);
    train = CorpusBuilder.ingest(List.of(tr), options, NO_FILTER, null, null).corpus();
    Corpus valid = CorpusBuilder.ingest(List.of(va), options, NO_FILTER, null, null).corpus();
    test = TestSessions.of(train.products(), valid);
  }

  @AfterAll
  static void stop() {
    if (spark != null) { // null when the class was skipped for want of data
      spark.stop();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "score=llr,window=0,directed=false,distance-weight=false"})
  void spark_cooc_has_the_indicators_of_the_embedded_cooc(String params) {
    assertThat(sessions.products()).isEqualTo(train.products());
    Map<String, String> p = params.isEmpty() ? Map.of() : parse(params);
    CoocOptions options = CoocOptions.from(new Params(p));
    CoocModel embedded = CoocModel.train(train, options, new TrainContext(1, 1, null, null));
    CoocModel onSpark = SparkCooc.train(sessions, options);
    int n = train.products().size();
    int same = 0;
    for (int a = 0; a < n; a++) {
      List<ScoredItem> want = embedded.indicators(a);
      List<ScoredItem> got = onSpark.indicators(a);
      assertThat(got).as("indicator count of %d", a).hasSameSizeAs(want);
      if (got.stream().limit(20).map(ScoredItem::product).toList()
          .equals(want.stream().limit(20).map(ScoredItem::product).toList())) {
        same++;
      }
      for (ScoredItem w : want) {
        // every embedded indicator scores the same on Spark, to float rounding
        float s = scoreOf(onSpark, a, w.product());
        if (s != 0) {
          assertThat(s).as("score of %d -> %d", a, w.product())
              .isCloseTo(w.score(), within(1e-4f * Math.max(1, Math.abs(w.score()))));
        }
      }
    }
    // float sums in another order may reorder exact ties; nearly every product's list is the same
    assertThat(same).isGreaterThan((int) (0.98 * n));
    double hrEmbedded = hr20(embedded);
    double hrSpark = hr20(onSpark);
    assertThat(hrSpark).isCloseTo(hrEmbedded, within(0.002));
  }

  @Test
  void item2vec_on_two_partitions_adding_updates_is_within_a_point_of_the_embedded_trainer() {
    Item2VecOptions options = Item2VecOptions.from(new Params(Map.of("epochs", "10",
        "dim", "32")));
    Item2VecModel embedded = Item2VecTrainer.train(train, options,
        new TrainContext(7, 1, null, null));
    double hrEmbedded = hr20(embedded);
    double hrPop = hr20(PopularityModel.train(train, PopularityOptions.from(Params.none())));
    assertThat(hrEmbedded).isGreaterThan(hrPop + 0.2);
    double hrSum = hr20(PartitionedItem2Vec.train(sessions, options, 7, 10, 2,
        PartitionedItem2Vec.Combine.SUM));
    assertThat(hrSum).isCloseTo(hrEmbedded, within(0.01));
    // parameter averaging slows every product seen in both parts: it falls behind
    double hrMean = hr20(PartitionedItem2Vec.train(sessions, options, 7, 10, 2,
        PartitionedItem2Vec.Combine.MEAN));
    assertThat(hrMean).isLessThan(hrSum - 0.01).isGreaterThan(hrPop + 0.1);
  }

  @Test
  void spark_ml_word2vec_learns_related_products() {
    Item2VecOptions options = Item2VecOptions.from(new Params(Map.of("epochs", "2",
        "dim", "32")));
    Item2VecModel model = SparkWord2Vec.train(sessions, options, 7, 2);
    double hrPop = hr20(PopularityModel.train(train, PopularityOptions.from(Params.none())));
    assertThat(hr20(model)).isGreaterThan(hrPop + 0.1);
  }

  @Test
  void the_job_writes_a_model_file_that_loads_and_recommends() {
    Path model = tmp.resolve("yc.model");
    Path corpus = tmp.resolve("yc.corpus");
    IngestOptions options = new IngestOptions(Preset.SESSION_REC.format(), null,
        Duration.ofMinutes(30), false);
    String log = SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_valid.txt")
        .toString();
    StringWriter err = new StringWriter();
    SparkJob.Result r = SparkJob.run(spark, new SparkJob.Plan(List.of(log), options,
        NO_FILTER, null, Algorithm.COOC, new Params(Map.of("score", "llr")),
        SparkJob.Item2VecTrainerKind.AISLE, 0, PartitionedItem2Vec.Combine.SUM, 42, model,
        corpus), new PrintWriter(err, true));
    ModelFile.Loaded loaded = ModelFile.read(model);
    assertThat(loaded.checksum()).isEqualTo(r.checksum());
    assertThat(loaded.info().options()).containsEntry("score", "llr")
        .containsEntry("spark.master", "local[2]");
    assertThat(loaded.info().corpusChecksum()).isNotNull();
    Recommender m = loaded.model();
    assertThat(m.products()).isEqualTo(r.model().products());
    float[] scores = new float[m.products().size()];
    m.scoreRelated(0, scores);
    assertThat(TopK.select(scores, 5, p -> p == 0)).isNotEmpty()
        .allSatisfy(s -> assertThat(s.score()).isPositive());
    assertThat(err.toString()).contains("sessions of").contains("wrote " + corpus);
  }

  private static Map<String, String> parse(String params) {
    java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
    for (String kv : params.split(",")) {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return m;
  }

  private static float scoreOf(CoocModel m, int a, int b) {
    for (ScoredItem s : m.indicators(a)) {
      if (s.product() == b) {
        return s.score();
      }
    }
    return 0;
  }

  private static double hr20(Recommender model) {
    ModelInfo info = new ModelInfo(model.algorithm(), Map.of(), 0, 1, null, 0, "test");
    return Comparison.evaluate("m", model, info, test, new int[] {20}).metrics().get("HR@20");
  }
}
