package dev.aisle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The {@code aisle} command run in-process, as a user would type it. */
class CommandLineTest {
  @TempDir Path dir;

  /** Exit code, standard output and standard error of one run. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = AisleCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path brokenTsv() throws IOException {
    Path f = dir.resolve("broken.tsv");
    Files.writeString(f, "SessionId\tItemId\tTime\n"
        + "1\t10\t1396860669.277\n"
        + "1\t11\t1396860670.0\n"
        + "1\t12\tnot-a-time\n"
        + "2\n"
        + "2\t10\t1396860680.5\n"
        + "2\t11\t1396860690.5\n");
    return f;
  }

  @Test
  void ingest_then_stats_json_keeps_the_contract_keys() throws IOException {
    Path corpus = dir.resolve("b.corpus");
    Run ingest = run("ingest", "--format", "session-rec", "--min-product-count", "1",
        "--out", corpus.toString(), brokenTsv().toString());
    assertThat(ingest.code()).isZero();
    assertThat(ingest.err()).contains("broken.tsv:4: unparseable timestamp (Time)")
        .contains("broken.tsv:5: missing field (ItemId)");
    assertThat(ingest.out()).contains("kept 4 events in 2 sessions");

    Run stats = run("stats", corpus.toString(), "--json");
    assertThat(stats.code()).isZero();
    JsonNode json = new ObjectMapper().readTree(stats.out());
    assertThat(json.get("events").asLong()).isEqualTo(4);
    assertThat(json.get("sessions").asLong()).isEqualTo(2);
    assertThat(json.get("products").asLong()).isEqualTo(2);
    assertThat(json.get("customers").asLong()).isZero();
    assertThat(json.get("skipped").get("missing_field").asLong()).isEqualTo(1);
    assertThat(json.get("skipped").get("unparseable_timestamp").asLong()).isEqualTo(1);
  }

  @Test
  void strict_ingest_exits_2_naming_the_line_without_a_stack_trace() throws IOException {
    Run r = run("ingest", "--format", "session-rec", "--strict", "--out",
        dir.resolve("x.corpus").toString(), brokenTsv().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("broken.tsv:4: unparseable timestamp (Time)")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(dir.resolve("x.corpus")).doesNotExist();
  }

  @Test
  void unknown_format_is_a_usage_error() throws IOException {
    Run r = run("ingest", "--format", "parquet", "--out", dir.resolve("x.corpus").toString(),
        brokenTsv().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown format 'parquet'").contains("session-rec");
  }

  @Test
  void bad_session_gap_is_a_usage_error() throws IOException {
    Run r = run("ingest", "--session-gap", "soon", "--out", dir.resolve("x.corpus").toString(),
        brokenTsv().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'soon' is not a duration");
  }

  @Test
  void stats_on_something_that_is_not_a_corpus_exits_2() throws IOException {
    Run r = run("stats", brokenTsv().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not an Aisle corpus file");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingest", "stats", "train", "tune", "evaluate", "recommend", "serve",
      "export", "demo", "spark", "retrain", "simulate"})
  void every_command_has_help_with_an_example(String command) {
    Run r = run(command, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Example").contains("aisle " + command);
  }

  /** A small generated shop, ingested: the corpus the model commands below work on. */
  private Path shopCorpus() {
    Path shop = dir.resolve("shop");
    assertThat(run("generate", "--products", "200", "--customers", "600", "--seed", "5",
        "--out", shop.toString()).code()).isZero();
    Path corpus = dir.resolve("shop.corpus");
    assertThat(run("ingest", "--catalog", shop.resolve("catalog.csv").toString(), "--out",
        corpus.toString(), shop.resolve("events.csv").toString()).code()).isZero();
    return corpus;
  }

  @Test
  void train_recommend_and_export_work_together() throws IOException {
    Path corpus = shopCorpus();
    Path model = dir.resolve("i2v.model");
    Run train = run("train", "--corpus", corpus.toString(), "--algorithm", "item2vec",
        "--threads", "1", "--seed", "11", "-p", "epochs=3", "--out", model.toString());
    assertThat(train.code()).as(train.err()).isZero();
    JsonNode related = new ObjectMapper().readTree(run("recommend", "--model", model.toString(),
        "--product", "P000001", "-k", "5").out());
    assertThat(related.get("items")).hasSize(5);
    assertThat(related.get("fallback").asBoolean()).isFalse();
    for (JsonNode item : related.get("items")) {
      assertThat(item.get("id").asText()).isNotEqualTo("P000001");
    }
    JsonNode unknown = new ObjectMapper().readTree(run("recommend", "--model", model.toString(),
        "--session", "nope,P000002", "-k", "3").out());
    assertThat(unknown.get("unknown").get(0).asText()).isEqualTo("nope");
    Path vectors = dir.resolve("v.txt");
    assertThat(run("export", "--model", model.toString(), "--format", "word2vec", "--out",
        vectors.toString()).code()).isZero();
    List<String> lines = Files.readAllLines(vectors);
    assertThat(lines.get(0)).isEqualTo((lines.size() - 1) + " 64");
    assertThat(lines.get(1).split(" ")).hasSize(65);
  }

  @Test
  void unknown_algorithm_parameter_is_a_usage_error() {
    Path corpus = shopCorpus();
    Run r = run("train", "--corpus", corpus.toString(), "--algorithm", "cooc", "-p", "windw=3",
        "--out", dir.resolve("x.model").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("cooc has no parameter 'windw'");
  }

  @Test
  void an_algorithm_that_cannot_train_on_the_data_is_reported_and_the_others_are_evaluated()
      throws IOException {
    // six sessions on the first day, three on the second: too few queries for the ranker
    StringBuilder tsv = new StringBuilder("SessionId\tItemId\tTime\n");
    for (int s = 0; s < 9; s++) {
      long t = 1_396_800_000L + (s < 6 ? 0 : 86_400) + s * 3_000L;
      for (int e = 0; e < 4; e++) {
        tsv.append(s).append('\t').append(10 + (s + e) % 6).append('\t').append(t + e * 60)
            .append('\n');
      }
    }
    Path log = dir.resolve("tiny.tsv");
    Files.writeString(log, tsv);
    Path json = dir.resolve("tiny.json");
    Run r = run("evaluate", "--format", "session-rec", "--min-product-count", "1", "--corpus",
        log.toString(), "--split", "last-days=1", "--algorithms", "pop,cooc,rank", "--k", "5",
        "--json", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("(?m)^pop +[01]\\.").containsPattern("(?m)^cooc +[01]\\.")
        .contains("rank: not evaluated: rank: too few queries");
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.get("results")).hasSize(2);
    assertThat(doc.get("not_trained").get("rank").asText()).contains("too few queries");

    Path none = dir.resolve("none.json");
    Run only = run("evaluate", "--format", "session-rec", "--min-product-count", "1", "--corpus",
        log.toString(), "--split", "last-days=1", "--algorithms", "rank", "--k", "5", "--json",
        none.toString());
    assertThat(only.code()).isEqualTo(2);
    assertThat(only.err()).contains("rank could not train on this data");
    assertThat(none).doesNotExist();
  }

  @Test
  void evaluate_writes_the_json_contract_and_an_html_report() throws IOException {
    Path corpus = shopCorpus();
    Path json = dir.resolve("out.json");
    Path html = dir.resolve("report.html");
    Run r = run("evaluate", "--corpus", corpus.toString(), "--split", "last-days=5",
        "--algorithms", "pop,cooc,sknn", "--k", "5,20", "--json", json.toString(), "--html",
        html.toString(), "--breakdown");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("by the next product's kind").containsPattern(
        "model +repeat \\([0-9.]+%\\) +earlier \\([0-9.]+%\\) +new \\([0-9.]+%\\)");
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.get("protocol").get("predictions").asLong()).isPositive();
    assertThat(doc.get("results")).hasSize(3);
    for (JsonNode row : doc.get("results")) {
      for (String key : List.of("model", "HR@20", "MRR@20", "NDCG@20", "coverage@20",
          "train_seconds", "model_bytes", "p99_ms")) {
        assertThat(row.has(key)).as(key).isTrue();
      }
      assertThat(row.get("HR@20").asDouble()).isBetween(0.0, 1.0);
      assertThat(row.get("served_ties").get("HR@20").asDouble())
          .isGreaterThanOrEqualTo(row.get("HR@20").asDouble());
      assertThat(row.get("served_ties").get("MRR@5").asDouble())
          .isGreaterThanOrEqualTo(row.get("MRR@5").asDouble());
      JsonNode kinds = row.get("by_next_kind");
      assertThat(kinds.get("repeat").get("share").asDouble()
          + kinds.get("earlier").get("share").asDouble() + kinds.get("new").get("share").asDouble())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(Files.readString(html)).contains("<svg").contains("HR@K").contains("sknn")
        .containsPattern("<th>repeat \\([0-9.]+%\\)</th><th>earlier \\([0-9.]+%\\)</th>");
  }

  @Test
  void evaluate_scores_a_saved_model_as_it_scores_the_same_algorithm_trained_in_place()
      throws IOException {
    Path corpus = shopCorpus();
    Path model = dir.resolve("cooc.model");
    assertThat(run("train", "--corpus", corpus.toString(), "--algorithm", "cooc", "--out",
        model.toString()).code()).isZero();
    Path json = dir.resolve("saved.json");
    Run r = run("evaluate", "--train", corpus.toString(), "--test", corpus.toString(),
        "--algorithms", "cooc", "--model", "saved=" + model, "--k", "20", "--json",
        json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(json.toFile()).get("results");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).get("model").asText()).isEqualTo("saved");
    assertThat(rows.get(1).get("HR@20").asDouble()).isPositive()
        .isEqualTo(rows.get(0).get("HR@20").asDouble());
    Run none = run("evaluate", "--train", corpus.toString(), "--test", corpus.toString(),
        "--algorithms", "none", "--model", "saved=" + model, "--k", "20");
    assertThat(none.code()).as(none.err()).isZero();
    assertThat(none.out()).contains("saved").doesNotContain("cooc ");
    assertThat(run("evaluate", "--train", corpus.toString(), "--test", corpus.toString(),
        "--algorithms", "none", "--model", model.toString()).err())
        .contains("--model must be NAME=FILE");
  }

  @Test
  void spark_outside_the_launcher_points_to_it() {
    Run r = run("spark", "--master", "local[2]");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("./aisle spark --help");
  }

  @Test
  void evaluate_with_curves_writes_one_point_per_epoch_with_the_dashboards_keys()
      throws IOException {
    Path corpus = shopCorpus();
    Path json = dir.resolve("curves.json");
    Path html = dir.resolve("curves.html");
    Run r = run("evaluate", "--corpus", corpus.toString(), "--split", "last-days=5",
        "--algorithms", "pop,glove,svd,dense", "-p", "glove.epochs=3", "-p", "dense.epochs=2",
        "--k", "20", "--curve", "--threads", "2", "--json", json.toString(), "--html",
        html.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("learning curves").contains("glove");
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    for (JsonNode row : doc.get("results")) {
      String model = row.get("model").asText();
      int epochs = model.equals("glove") ? 3 : model.equals("dense") ? 2 : 0;
      assertThat(row.get("curve")).as(model).hasSize(epochs);
      for (int e = 0; e < epochs; e++) {
        JsonNode point = row.get("curve").get(e);
        assertThat(point.get("epoch").asInt()).isEqualTo(e + 1);
        assertThat(point.get("hr").asDouble()).isBetween(0.0, 1.0);
        assertThat(point.get("mrr").asDouble()).isBetween(0.0, 1.0);
        assertThat(point.size()).isEqualTo(3);
      }
    }
    assertThat(Files.readString(html)).contains("Learning curves").contains("log scale");
  }

  @Test
  void early_stopping_reports_the_epoch_it_kept() throws IOException {
    Path corpus = shopCorpus();
    Path json = dir.resolve("early.json");
    Run r = run("evaluate", "--corpus", corpus.toString(), "--split", "last-days=5",
        "--algorithms", "glove", "-p", "glove.epochs=30", "--k", "20", "--early-stop",
        "--patience", "1", "--validation-fraction", "0.2", "--json", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("stopped early after epoch");
    JsonNode early = new ObjectMapper().readTree(json.toFile()).get("results").get(0)
        .get("early_stop");
    assertThat(early.get("epochs_run").asInt()).isEqualTo(early.get("best_epoch").asInt() + 1);
    assertThat(early.get("validation")).hasSize(early.get("epochs_run").asInt());
  }

  @Test
  void training_the_dense_network_reports_its_parameters_and_the_talks_size() {
    Path corpus = shopCorpus();
    Run r = run("train", "--corpus", corpus.toString(), "--algorithm", "dense", "-p",
        "max-products=50", "-p", "epochs=1", "--out", dir.resolve("d.model").toString());
    assertThat(r.code()).as(r.err()).isZero();
    // 4 x 50^2 + 3 x 50 = 10,150 parameters; at N = 9,000: 324,027,000 floats = 1.2 GiB
    assertThat(r.out()).contains("10,150 parameters").contains("N = 9,000 with H = 2N: 1.2 GB")
        .containsPattern("[0-9,]+ samples per epoch");
  }

  @Test
  void glove_and_svd_models_export_their_vectors_and_recommend() throws IOException {
    Path corpus = shopCorpus();
    for (String algorithm : List.of("glove", "svd")) {
      Path model = dir.resolve(algorithm + ".model");
      Run train = run("train", "--corpus", corpus.toString(), "--algorithm", algorithm,
          "-p", "dim=16", "--out", model.toString());
      assertThat(train.code()).as(train.err()).isZero();
      Path vectors = dir.resolve(algorithm + ".txt");
      assertThat(run("export", "--model", model.toString(), "--format", "word2vec", "--out",
          vectors.toString()).code()).isZero();
      List<String> lines = Files.readAllLines(vectors);
      assertThat(lines.get(0)).isEqualTo((lines.size() - 1) + " 16");
      JsonNode related = new ObjectMapper().readTree(run("recommend", "--model",
          model.toString(), "--product", "P000001", "-k", "5").out());
      assertThat(related.get("items")).hasSize(5);
    }
  }

  @Test
  void a_bad_patience_is_a_usage_error() {
    Path corpus = shopCorpus();
    Run r = run("evaluate", "--corpus", corpus.toString(), "--split", "last-days=5",
        "--algorithms", "glove", "--early-stop", "--patience", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("patience must be >= 1, was 0");
  }

  @Test
  void top_level_help_lists_the_commands() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("ingest").contains("stats").contains("demo");
  }
}
