package dev.aisle.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.BadInputException;
import dev.aisle.SharedData;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.session.CleaningOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The search on real data: the first 4,000 sessions of yoochoose-100k's train_tr. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TunerTest {
  @TempDir Path dir;
  private Corpus train;

  @BeforeAll
  void read() {
    Corpus all = CorpusBuilder.ingest(
        List.of(SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_tr.txt")),
        new IngestOptions(Preset.SESSION_REC.format(), null, Duration.ofMinutes(30), true),
        CleaningOptions.none(), null, null).corpus();
    train = all.slice(0, 4000);
  }

  private static Tuner.Options options(int trials, Duration budget) {
    return new Tuner.Options(Tuner.Metric.HR, 20, budget, 7, 1, trials);
  }

  @Test
  void the_same_seed_on_one_thread_writes_the_same_tuned_json() throws IOException {
    List<Algorithm> algorithms = List.of(Algorithm.SKNN, Algorithm.COOC);
    ValidationSplit split = ValidationSplit.latestFraction(train, 0.1);
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Tuner.tune(train, split, algorithms, options(8, Duration.ofMinutes(10)), null).write(a);
    Tuner.tune(train, split, algorithms, options(8, Duration.ofMinutes(10)), null).write(b);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    TunedConfig c = TunedConfig.read(a);
    assertThat(c.algorithms().get("sknn").trials()).hasSize(8);
    assertThat(c.algorithms().get("sknn").stoppedByBudget()).isFalse();
  }

  @Test
  void the_best_setting_is_at_least_as_good_as_the_defaults_on_validation() {
    ValidationSplit split = ValidationSplit.latestFraction(train, 0.1);
    TunedConfig c = Tuner.tune(train, split, List.of(Algorithm.SKNN),
        options(10, Duration.ofMinutes(10)), null);
    TunedAlgorithm sknn = c.algorithms().get("sknn");
    Trial defaults = sknn.trials().get(0);
    assertThat(defaults.phase()).isEqualTo("defaults");
    assertThat(sknn.hr()).isGreaterThanOrEqualTo(defaults.hr());
    assertThat(sknn.trials()).extracting(Trial::phase)
        .contains("defaults", "sample", "promoted", "refine");
  }

  @Test
  void hybrid_takes_the_tuned_settings_of_its_parts() {
    ValidationSplit split = ValidationSplit.latestFraction(train, 0.1);
    TunedConfig c = Tuner.tune(train, split, List.of(Algorithm.HYBRID, Algorithm.SKNN),
        options(4, Duration.ofMinutes(10)), null);
    assertThat(c.algorithms().keySet()).containsExactly("hybrid", "sknn");
    c.algorithms().get("sknn").best().forEach((name, value) ->
        assertThat(c.algorithms().get("hybrid").best()).containsEntry("sknn." + name, value));
  }

  @Test
  void a_budget_too_short_for_one_trial_is_bad_input() {
    ValidationSplit split = ValidationSplit.latestFraction(train, 0.1);
    BadInputException e = assertThrows(BadInputException.class, () -> Tuner.tune(train, split,
        List.of(Algorithm.ITEM2VEC), options(4, Duration.ofMillis(1)), null));
    assertThat(e.getMessage()).contains("--budget 1ms is too short for one trial");
  }

  @Test
  void a_trial_past_its_share_is_abandoned_and_the_search_ends_within_the_budget() {
    // dense's defaults (2N hidden units over all ~3,000 products, batches of 2,000 samples)
    // take seconds a batch and minutes for their three epochs here: far more than a 4 s budget
    ValidationSplit split = ValidationSplit.latestFraction(train, 0.1);
    Duration budget = Duration.ofSeconds(4);
    long start = System.nanoTime();
    TunedConfig c = Tuner.tune(train, split, List.of(Algorithm.POP, Algorithm.DENSE),
        options(6, budget), null);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    TunedAlgorithm dense = c.algorithms().get("dense");
    assertThat(dense.trials()).singleElement().satisfies(t -> {
      assertThat(t.phase()).isEqualTo("defaults");
      assertThat(t.status()).isEqualTo("abandoned");
      assertThat(t.finished()).isFalse();
    });
    assertThat(dense.skipped()).isTrue();
    assertThat(dense.tuned()).isFalse();
    assertThat(dense.best()).isEmpty();
    assertThat(dense.stoppedByBudget()).isTrue();
    TunedAlgorithm pop = c.algorithms().get("pop");
    assertThat(pop.tuned()).isTrue();
    assertThat(pop.skipped()).isFalse();
    // ended within a batch of the deadline (a generous grace, for a loaded machine; that the
    // cancellation lands inside a batch is DenseTrainerTest's)
    assertThat(took).isLessThan(budget.plusSeconds(8));
  }

  @Test
  void a_version_1_file_without_skipped_reads_as_not_skipped() throws IOException {
    ValidationSplit split = ValidationSplit.latestFraction(train, 0.1);
    Path file = dir.resolve("v2.json");
    Tuner.tune(train, split, List.of(Algorithm.POP), options(2, Duration.ofMinutes(1)), null)
        .write(file);
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
    tree.put("version", 1);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/algorithms/pop"))
        .remove("skipped");
    Path v1 = dir.resolve("v1.json");
    json.writeValue(v1.toFile(), tree);
    assertThat(TunedConfig.read(v1).algorithms().get("pop").skipped()).isFalse();
  }

  @Test
  void a_validation_split_too_small_to_compare_settings_is_bad_input() {
    Corpus tiny = train.slice(0, 300);
    BadInputException e = assertThrows(BadInputException.class,
        () -> ValidationSplit.latestFraction(tiny, 0.05));
    assertThat(e.getMessage()).contains("fewer than the 100 needed");
  }

  @Test
  void a_config_tuned_on_another_corpus_is_refused() {
    ValidationSplit split = ValidationSplit.latestFraction(train, 0.1);
    TunedConfig c = Tuner.tune(train, split, List.of(Algorithm.POP),
        options(2, Duration.ofMinutes(1)), null);
    BadInputException e = assertThrows(BadInputException.class,
        () -> c.checkCorpus(train.slice(0, 3000), Path.of("tuned.json")));
    assertThat(e.getMessage()).contains("tuned.json was tuned on another corpus");
  }

  @Test
  void a_config_with_unknown_names_is_refused_naming_them() throws IOException {
    ValidationSplit split = ValidationSplit.latestFraction(train, 0.1);
    Path file = dir.resolve("t.json");
    Tuner.tune(train, split, List.of(Algorithm.POP), options(2, Duration.ofMinutes(1)), null)
        .write(file);
    Path typo = dir.resolve("typo.json");
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode tree = json.readTree(file.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/algorithms/pop/best"))
        .put("by-categry", "true");
    json.writeValue(typo.toFile(), tree);
    assertThat(assertThrows(BadInputException.class, () -> TunedConfig.read(typo)).getMessage())
        .contains("algorithms.pop.best").contains("by-categry");
    Path other = dir.resolve("other.json");
    Files.writeString(other, Files.readString(file).replace("\"pop\"", "\"popular\""));
    assertThat(assertThrows(BadInputException.class, () -> TunedConfig.read(other)).getMessage())
        .contains("unknown algorithm 'popular'");
  }
}
