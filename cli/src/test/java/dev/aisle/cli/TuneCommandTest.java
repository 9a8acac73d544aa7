package dev.aisle.cli;

import static dev.aisle.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.SharedData;
import dev.aisle.modelfile.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aisle tune}, {@code --config} and {@code evaluate --tune} on yoochoose-100k's train_tr. */
class TuneCommandTest {
  @TempDir Path dir;

  private String train;
  private String test;

  @org.junit.jupiter.api.BeforeEach
  void findTheLogs() { // skipped, not failed, where the sample logs are not there
    train = SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_tr.txt").toString();
    test = SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_valid.txt").toString();
  }

  private static String[] log(String... args) {
    String[] head = {"--format", "session-rec", "--min-product-count", "1"};
    String[] all = new String[head.length + args.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(head, 0, all, args.length, head.length);
    return all;
  }

  @Test
  void tune_writes_every_trial_and_train_config_uses_the_best_settings() throws IOException {
    Path tuned = dir.resolve("tuned.json");
    CommandLineTest.Run t = run(log("tune", "--corpus", train, "--algorithms", "sknn,pop",
        "--trials", "5", "--threads", "1", "--out", tuned.toString()));
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.err()).contains("tune: sknn: trial 5/5").contains("tune: sknn: best HR@20")
        .containsPattern(
            "tune: sknn: trial 5/5 .* \\| \\d+ trials, [\\d.]+ a minute, \\S+ left")
        .containsPattern("tune: summary: sknn +5 trials in .*, [\\d.]+ a minute");
    JsonNode json = new ObjectMapper().readTree(tuned.toFile());
    assertThat(json.at("/algorithms/sknn/skipped").isBoolean()).isTrue();
    assertThat(json.at("/algorithms/sknn/skipped").asBoolean()).isFalse();
    assertThat(json.at("/algorithms/sknn/trials")).hasSize(5);
    assertThat(json.at("/protocol/fit_sessions").asInt()).isEqualTo(12_266);
    Path model = dir.resolve("sknn.model");
    CommandLineTest.Run trained = run(log("train", "--corpus", train, "--algorithm", "sknn",
        "--config", tuned.toString(), "--out", model.toString()));
    assertThat(trained.code()).as(trained.err()).isZero();
    JsonNode best = json.at("/algorithms/sknn/best");
    Object options = ModelFile.read(model).info().options().get("neighbours");
    if (best.has("k")) {
      assertThat(options).hasToString(best.get("k").asText());
    } else {
      assertThat(options).isEqualTo(200); // the default won
    }
  }

  @Test
  void evaluate_tune_never_reads_the_test_file_before_the_final_evaluation() {
    // the test file does not exist: the search must be over before anyone notices
    Path missing = dir.resolve("test-is-read-only-after-tuning.txt");
    CommandLineTest.Run r = run(log("evaluate", "--train", train, "--test", missing.toString(),
        "--algorithms", "sknn", "--tune", "--trials", "3"));
    assertThat(r.code()).isEqualTo(2);
    int tuned = r.err().indexOf("tune: sknn: best");
    int failed = r.err().indexOf(missing + ": no such file");
    assertThat(tuned).as(r.err()).isGreaterThanOrEqualTo(0);
    assertThat(failed).as(r.err()).isGreaterThan(tuned);
  }

  @Test
  void evaluate_tune_trains_on_all_of_train_with_the_tuned_settings() throws IOException {
    Path out = dir.resolve("eval.json");
    CommandLineTest.Run r = run(log("evaluate", "--train", train, "--test", test,
        "--algorithms", "cooc", "--tune", "--trials", "4", "--k", "20", "--json",
        out.toString()));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertThat(json.at("/protocol/train_sessions").asInt()).isEqualTo(13_629);
    assertThat(json.at("/protocol/tuned_settings/cooc").isObject()).isTrue();
    assertThat(json.at("/results/0/HR@20").asDouble()).isGreaterThan(0.5);
  }

  @Test
  void an_unknown_algorithm_is_one_line_exit_2_and_nothing_written() {
    Path tuned = dir.resolve("tuned.json");
    CommandLineTest.Run r = run(log("tune", "--corpus", train, "--algorithms", "sknn,gru",
        "--out", tuned.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("aisle: error: unknown algorithm 'gru'")
        .doesNotContain("\n");
    assertThat(tuned).doesNotExist();
  }

  @Test
  void a_budget_too_short_for_one_trial_is_exit_2_and_nothing_written() {
    Path tuned = dir.resolve("tuned.json");
    CommandLineTest.Run r = run(log("tune", "--corpus", train, "--algorithms", "item2vec",
        "--budget", "1ms", "--out", tuned.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("aisle: error: --budget 1ms is too short for one trial");
    assertThat(tuned).doesNotExist();
  }

  @Test
  void an_empty_validation_split_is_exit_2() {
    CommandLineTest.Run r = run(log("tune", "--corpus", train, "--validation-days", "999",
        "--out", dir.resolve("t.json").toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("the validation split (the sessions of the last 999.0 days)");
  }

  @Test
  void a_config_for_another_corpus_is_exit_2_and_nothing_written() throws IOException {
    Path tuned = dir.resolve("tuned.json");
    assertThat(run(log("tune", "--corpus", test, "--algorithms", "pop", "--trials", "2",
        "--out", tuned.toString())).code()).isZero();
    Path model = dir.resolve("pop.model");
    CommandLineTest.Run r = run(log("train", "--corpus", train, "--algorithm", "pop",
        "--config", tuned.toString(), "--out", model.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("was tuned on another corpus");
    assertThat(model).doesNotExist();
    ObjectMapper json = new ObjectMapper();
    JsonNode tree = json.readTree(tuned.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("colour", 1);
    json.writeValue(dir.resolve("bad.json").toFile(), tree);
    CommandLineTest.Run bad = run(log("evaluate", "--train", train, "--test", test,
        "--algorithms", "pop", "--config", dir.resolve("bad.json").toString()));
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown field 'colour'");
  }
}
