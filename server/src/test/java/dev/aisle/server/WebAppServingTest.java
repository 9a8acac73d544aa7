package dev.aisle.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A built web app and an evaluation report served beside the API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAppServingTest {
  private static final String INDEX = "<!doctype html><title>Aisle test app</title>";
  private static final String EVALUATION = "{\"protocol\":{\"split\":\"last-days=7\"},"
      + "\"results\":[{\"model\":\"pop\",\"HR@20\":0.1,\"MRR@20\":0.02,\"train_seconds\":0.1,"
      + "\"model_bytes\":1000,\"p50_ms\":0.01,\"p99_ms\":0.1,\"options\":{}}]}";
  @TempDir static Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private AisleServer server;

  @BeforeAll
  void start() throws Exception {
    Corpus corpus = TestShops.shop(dir.resolve("shop"), 100, 300, 5);
    Algorithm.Training t = Algorithm.POP.prepare(Params.none());
    Recommender m = t.train(corpus, new TrainContext(1, 1, null, null));
    Path model = dir.resolve("pop.model");
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(corpus),
        corpus.eventCount()), model);
    Path web = Files.createDirectories(dir.resolve("web/assets"));
    Files.writeString(dir.resolve("web/index.html"), INDEX);
    Files.writeString(web.resolve("app.js"), "console.log('aisle')");
    Path evaluation = Files.writeString(dir.resolve("evaluation.json"), EVALUATION);
    server = AisleServer.start(ServerOptions.builder(List.of(model.toString()))
        .catalog(dir.resolve("shop/catalog.csv")).port(0).webRoot(dir.resolve("web"))
        .evaluation(evaluation).build());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + path)).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void the_app_is_served_at_the_root_with_its_assets() throws Exception {
    HttpResponse<String> root = get("/", "text/html");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).isEqualTo(INDEX);
    HttpResponse<String> js = get("/assets/app.js", "*/*");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.body()).contains("aisle");
  }

  @Test
  void routes_of_the_app_fall_back_to_its_index_page() throws Exception {
    for (String route : List.of("/products/P000001", "/dashboard", "/dashboard/map")) {
      HttpResponse<String> r = get(route, "text/html,application/xhtml+xml");
      assertThat(r.statusCode()).as(route).isEqualTo(200);
      assertThat(r.body()).as(route).isEqualTo(INDEX);
    }
  }

  @Test
  void the_api_keeps_answering_json_beside_the_app() throws Exception {
    // whatever the client accepts (curl sends */*, a browser text/html): no index page under /api
    for (String accept : List.of("application/json", "*/*", "text/html,application/xhtml+xml")) {
      HttpResponse<String> missing = get("/api/no-such-endpoint", accept);
      assertThat(missing.statusCode()).as(accept).isEqualTo(404);
      assertThat(missing.body()).as(accept).startsWith("{").contains("\"status\":404");
    }
    assertThat(get("/api/products?size=3", "application/json").body()).contains("\"total\"");
  }

  @Test
  void the_evaluation_report_is_served_as_written() throws Exception {
    HttpResponse<String> r = get("/api/evaluation", "application/json");
    assertThat(r.statusCode()).isEqualTo(200);
    ObjectMapper json = new ObjectMapper();
    JsonNode body = json.readTree(r.body());
    assertThat(body).isEqualTo(json.readTree(EVALUATION));
    JsonNode models = json.readTree(get("/api/models", "application/json").body());
    assertThat(models.get("models").get(0).get("evaluation").get("HR@20").asDouble())
        .isEqualTo(0.1);
  }
}
