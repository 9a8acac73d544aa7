package dev.aisle.modelfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.BadInputException;
import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.model.ModelInfo;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelFileTest {
  @TempDir static Path dir;
  private Corpus corpus;

  @BeforeAll
  void shop() {
    corpus = TestShops.shop(dir.resolve("shop"), 300, 800, 3);
  }

  private Path train(Algorithm a, long seed, String name, String... params) {
    Algorithm.Training t = a.prepare(Params.parse(List.of(params)));
    Recommender m = t.train(corpus, new TrainContext(seed, 1, null, null));
    ModelInfo info = ModelFile.info(m, t, seed, 1, CorpusFile.checksum(corpus),
        corpus.eventCount());
    Path f = dir.resolve(name);
    ModelFile.write(m, info, f);
    return f;
  }

  @ParameterizedTest
  // rank needs the aisle-rank module (XGBoost), which core's tests do not have: its tests are there
  @EnumSource(value = Algorithm.class, names = "RANK", mode = EnumSource.Mode.EXCLUDE)
  void a_saved_model_answers_as_the_trained_one(Algorithm a) {
    // gru4rec's defaults (ten epochs over 2,048 negatives) take a minute here: a small network
    Algorithm.Training t = a.prepare(a == Algorithm.GRU4REC
        ? Params.parse(List.of("layers=16", "n-sample=64", "epochs=2")) : Params.none());
    Recommender trained = t.train(corpus, new TrainContext(7, 1, null, null));
    Path f = dir.resolve(a.label() + ".model");
    ModelFile.write(trained, ModelFile.info(trained, t, 7, 1, "x", corpus.eventCount()), f);
    ModelFile.Loaded loaded = ModelFile.read(f);
    assertThat(loaded.info().algorithm()).isEqualTo(a.label());
    assertThat(loaded.info().seed()).isEqualTo(7);
    int n = corpus.products().size();
    float[] expected = new float[n];
    float[] actual = new float[n];
    int[] session = {corpus.item(0), corpus.item(1), corpus.item(2)};
    trained.scoreNext(session, expected);
    loaded.model().scoreNext(session, actual);
    assertThat(actual).containsExactly(expected);
    trained.scoreRelated(5, expected);
    loaded.model().scoreRelated(5, actual);
    assertThat(actual).containsExactly(expected);
  }

  @Test
  void item2vec_with_one_thread_and_a_seed_is_the_same_bit_for_bit() throws IOException {
    Path a = train(Algorithm.ITEM2VEC, 11, "a.model", "epochs=3");
    Path b = train(Algorithm.ITEM2VEC, 11, "b.model", "epochs=3");
    Path c = train(Algorithm.ITEM2VEC, 12, "c.model", "epochs=3");
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
  }

  @Test
  void the_provenance_records_options_seed_and_corpus() {
    ModelInfo info = ModelFile.read(train(Algorithm.COOC, 5, "cooc.model", "score=llr")).info();
    assertThat(info.options()).containsEntry("score", "llr").containsKey("window");
    assertThat(info.corpusChecksum()).isEqualTo(CorpusFile.checksum(corpus));
    assertThat(info.aisleVersion()).isNotBlank();
  }

  @Test
  void unknown_parameters_are_rejected_before_training() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Algorithm.ITEM2VEC.prepare(Params.parse(List.of("dimension=64"))));
    assertThat(e).hasMessageContaining("dimension").hasMessageContaining("dim");
  }

  @Test
  void a_corpus_is_not_a_model() throws IOException {
    Path f = dir.resolve("c.corpus");
    CorpusFile.write(corpus, f);
    assertThat(assertThrows(BadInputException.class, () -> ModelFile.read(f)))
        .hasMessageContaining("not an Aisle model file");
  }

  @Test
  void a_version_1_model_from_the_past_still_loads() throws IOException {
    // a cooc model written by Aisle 0.1.0 from the corpus-v1 fixture; keep it as it is
    Path f = dir.resolve("v1.model");
    try (InputStream in = getClass().getResourceAsStream("/model-v1.model")) {
      assertThat(in).as("fixture model-v1.model").isNotNull();
      Files.copy(in, f);
    }
    ModelFile.Loaded loaded = ModelFile.read(f);
    assertThat(loaded.info().algorithm()).isEqualTo("cooc");
    float[] scores = new float[loaded.model().products().size()];
    loaded.model().scoreRelated(loaded.model().products().ordinal("P1"), scores);
    assertThat(scores[loaded.model().products().ordinal("P2")]).isPositive();
  }
}
