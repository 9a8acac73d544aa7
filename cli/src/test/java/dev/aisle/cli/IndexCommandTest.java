package dev.aisle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aisle index} and {@code aisle serve --backend} on the command line: help and the
 * errors a user meets before any engine answers (the exports themselves are tested against
 * real engines in the search module).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexCommandTest {
  @TempDir static Path dir;
  private Path cooc;
  private Path pop;

  private Path train(Corpus corpus, Algorithm a) {
    Algorithm.Training t = a.prepare(Params.none());
    Recommender m = t.train(corpus, new TrainContext(1, 1, null, null));
    Path f = dir.resolve(a.label() + ".model");
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, "c", corpus.eventCount()), f);
    return f;
  }

  @BeforeAll
  void models() {
    Corpus corpus = TestShops.shop(dir.resolve("shop"), 60, 150, 2);
    cooc = train(corpus, Algorithm.COOC);
    pop = train(corpus, Algorithm.POP);
  }

  private static CommandLineTest.Run run(String... args) {
    return CommandLineTest.run(args);
  }

  @Test
  void index_has_help_with_an_example() {
    CommandLineTest.Run r = run("index", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Example").contains("aisle index --model")
        .contains("solr://");
    assertThat(run("serve", "--help").out()).contains("--backend");
  }

  @Test
  void a_bad_uri_is_a_usage_error_that_shows_the_form() {
    CommandLineTest.Run r = run("index", "--model", cooc.toString(), "--to", "localhost:8983/x");
    assertThat(r.code()).isEqualTo(AisleCommand.BAD_INPUT);
    assertThat(r.err()).contains("not a search URI").contains("solr://localhost:8983/aisle");
  }

  @Test
  void a_model_without_vectors_or_indicators_is_refused_before_connecting() {
    CommandLineTest.Run r = run("index", "--model", pop.toString(), "--to",
        "solr://127.0.0.1:1/shop");
    assertThat(r.code()).isEqualTo(AisleCommand.BAD_INPUT);
    assertThat(r.err()).contains("a pop model has neither product vectors");
  }

  @Test
  void an_engine_that_is_not_running_is_named() {
    CommandLineTest.Run r = run("index", "--model", cooc.toString(), "--to",
        "solr://127.0.0.1:1/shop");
    assertThat(r.code()).isEqualTo(AisleCommand.FAILURE);
    assertThat(r.err()).contains("solr://127.0.0.1:1/shop").contains("no node answered");
  }

  @Test
  void bulk_and_mapping_files_are_written_without_a_cluster() throws Exception {
    Path bulk = dir.resolve("shop.ndjson");
    Path mapping = dir.resolve("shop.json");
    CommandLineTest.Run r = run("index", "--model", cooc.toString(), "--to",
        "opensearch://127.0.0.1:1/shop", "--bulk", bulk.toString(), "--mapping",
        mapping.toString(), "--shards", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("products").contains("for index shop");
    List<String> lines = java.nio.file.Files.readAllLines(bulk);
    assertThat(lines.size() % 2).isZero();
    assertThat(lines.get(0)).startsWith("{\"index\":{\"_index\":\"shop\",\"_id\":");
    assertThat(lines.get(lines.size() - 1)).contains("\"aisle_model\":{\"checksum\":");
    com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(mapping.toFile());
    assertThat(m.path("settings").path("index").path("number_of_shards").asInt()).isEqualTo(2);
    assertThat(m.path("mappings").path("properties").path("indicators_0").path("type").asText())
        .isEqualTo("keyword");
    CommandLineTest.Run solr = run("index", "--model", cooc.toString(), "--to",
        "solr://127.0.0.1:1/shop", "--bulk", bulk.toString());
    assertThat(solr.code()).isEqualTo(AisleCommand.BAD_INPUT);
    assertThat(solr.err()).contains("--bulk and --mapping write OpenSearch/Elasticsearch files");
  }

  @Test
  void bad_options_are_named() {
    CommandLineTest.Run r = run("index", "--model", cooc.toString(), "--to",
        "solr://127.0.0.1:1/shop", "--shards", "0");
    assertThat(r.code()).isEqualTo(AisleCommand.BAD_INPUT);
    assertThat(r.err()).contains("shards must be >= 1, was 0");
    CommandLineTest.Run both = run("index", "--model", cooc.toString(), "--to",
        "solr://127.0.0.1:1/shop", "--alias", "--replace");
    assertThat(both.code()).isEqualTo(AisleCommand.BAD_INPUT);
    assertThat(both.err()).contains("--alias always builds a new collection");
  }
}
