package dev.aisle.model.gru4rec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.SharedData;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.eval.Evaluator;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.session.CleaningOptions;
import dev.aisle.tune.ValidationSplit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GRU4Rec on real data: trained on yoochoose-100k's {@code train_tr} without its latest 10% of
 * sessions, scored on those. Small settings keep it quick (64 units, 512 negatives, 3 epochs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Gru4RecModelTest {
  private static final List<String> SMALL = List.of("layers=64", "n-sample=512", "epochs=3");

  @TempDir Path dir;
  private ValidationSplit split;
  private Gru4RecModel model;

  private static Gru4RecOptions options(String... more) {
    List<String> p = new ArrayList<>(SMALL);
    p.addAll(List.of(more));
    return Gru4RecOptions.from(Params.parse(p));
  }

  @BeforeAll
  void train() {
    Corpus all = CorpusBuilder.ingest(
        List.of(SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_tr.txt")),
        new IngestOptions(Preset.SESSION_REC.format(), null, Duration.ofMinutes(30), true),
        CleaningOptions.none(), null, null).corpus();
    split = ValidationSplit.latestFraction(all, 0.1);
    model = Gru4RecTrainer.train(split.fit(), options(), new TrainContext(42, 2, null, null));
  }

  @Test
  void beats_popularity_on_held_out_sessions() {
    Recommender pop = Algorithm.POP.prepare(Params.none())
        .train(split.fit(), new TrainContext(42, 1, null, null));
    double[] gru = Evaluator.hitRateAndMrr(model, split.validation(), 20, 2);
    double[] popular = Evaluator.hitRateAndMrr(pop, split.validation(), 20, 2);
    // about .63 / .34 against popularity's .11 / .03
    assertThat(gru[0]).as("HR@20").isGreaterThan(5 * popular[0]).isGreaterThan(0.55);
    assertThat(gru[1]).as("MRR@20").isGreaterThan(10 * popular[1]).isGreaterThan(0.28);
  }

  @Test
  void a_saved_model_scores_as_the_trained_one() {
    Path f = dir.resolve("gru4rec.model");
    Algorithm.Training t = Algorithm.GRU4REC.prepare(Params.parse(SMALL));
    ModelFile.write(model, ModelFile.info(model, t, 42, 2, "x", split.fit().eventCount()), f);
    Recommender loaded = ModelFile.read(f).model();
    assertThat(loaded).isInstanceOf(Gru4RecModel.class);
    assertThat(((Gru4RecModel) loaded).options()).isEqualTo(model.options());
    int n = model.products().size();
    for (int[] session : split.validation().sessions().subList(0, 20)) {
      float[] expected = new float[n];
      float[] actual = new float[n];
      model.scoreNext(session, expected);
      loaded.scoreNext(session, actual);
      assertThat(actual).containsExactly(expected);
    }
  }

  @Test
  void a_batch_of_sessions_scores_as_one_session_at_a_time() {
    List<int[]> sessions = split.validation().sessions().subList(0, 30);
    int n = model.products().size();
    float[][] batch = new float[sessions.size()][n];
    model.scoreNextBatch(sessions, batch);
    for (int i = 0; i < sessions.size(); i++) {
      float[] one = new float[n];
      model.scoreNext(sessions.get(i), one);
      for (int p = 0; p < n; p++) {
        assertThat(batch[i][p]).isCloseTo(one[p], within(1e-4f));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"true", "false"})
  void the_same_seed_on_one_thread_gives_the_same_scores(boolean constrained) {
    Corpus part = split.fit().sessionRange(0, 2000);
    Gru4RecOptions o = options("epochs=1", "dropout-p-embed=0.2",
        "constrained-embedding=" + constrained);
    Gru4RecModel a = Gru4RecTrainer.train(part, o, new TrainContext(7, 1, null, null));
    Gru4RecModel b = Gru4RecTrainer.train(part, o, new TrainContext(7, 1, null, null));
    Gru4RecModel c = Gru4RecTrainer.train(part, o, new TrainContext(8, 1, null, null));
    int[] session = split.validation().sessions().get(0);
    int n = part.products().size();
    float[] sa = new float[n];
    float[] sb = new float[n];
    float[] sc = new float[n];
    a.scoreNext(session, sa);
    b.scoreNext(session, sb);
    c.scoreNext(session, sc);
    assertThat(sb).containsExactly(sa);
    assertThat(sc).isNotEqualTo(sa);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "layers=0|layers must be in 1..4096, was 0",
      "epochs=0|epochs must be in 1..1000, was 0",
      "batch-size=0|batch-size must be in 1..4096, was 0",
      "dropout-p-hidden=1|dropout-p-hidden must be in [0, 1), was 1.0",
      "dropout-p-embed=-0.1|dropout-p-embed must be in [0, 1), was -0.1",
      "learning-rate=0|learning-rate must be > 0, was 0.0",
      "momentum=1|momentum must be in [0, 1), was 1.0",
      "n-sample=-1|n-sample must be in 0..65536, was -1",
      "sample-alpha=2|sample-alpha must be in [0, 1], was 2.0",
      "logq=1.5|logq must be in [0, 1], was 1.5",
      "layers=big|layers must be a whole number, was 'big'",
      "constrained-embedding=maybe|constrained-embedding must be true or false, was 'maybe'",
      "hidden-size=100|gru4rec has no parameter 'hidden-size'",
  })
  void bad_options_are_refused_naming_the_value(String param, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Algorithm.GRU4REC.prepare(Params.parse(List.of(param))));
    assertThat(e).hasMessageContaining(message);
  }

  @Test
  void without_negative_samples_a_batch_needs_two_sessions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Algorithm.GRU4REC.prepare(Params.parse(List.of("n-sample=0", "batch-size=1"))));
    assertThat(e).hasMessageContaining("batch-size must be >= 2, was 1");
  }
}
