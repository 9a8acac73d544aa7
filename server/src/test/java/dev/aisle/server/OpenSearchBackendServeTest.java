package dev.aisle.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.BadInputException;
import dev.aisle.TestShops;
import dev.aisle.catalog.CatalogReader;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TrainContext;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.search.ExportOptions;
import dev.aisle.search.ProductDocuments;
import dev.aisle.search.SearchUri;
import dev.aisle.search.engines.SearchEngines;
import dev.aisle.search.opensearch.OpenSearchIndex;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aisle serve --backend opensearch://...} end to end: a real OpenSearch node in this JVM
 * holds the export of an LLR cooc model, and the server answers over HTTP from it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSearchBackendServeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private OpenSearchRunner runner;
  private Corpus corpus;
  private Path cooc;
  private Path catalog;
  private String uri;
  private AisleServer server;

  private Path train(String file, String... params) {
    Algorithm.Training t = Algorithm.COOC.prepare(Params.parse(List.of(params)));
    Recommender m = t.train(corpus, new TrainContext(1, 1, null, null));
    Path f = dir.resolve(file);
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(corpus),
        corpus.eventCount()), f);
    return f;
  }

  @BeforeAll
  void start() throws IOException {
    corpus = TestShops.shop(dir.resolve("shop"), 200, 600, 6);
    catalog = dir.resolve("shop/catalog.csv");
    cooc = train("cooc.model", "score=llr", "session-weighting=uniform");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    runner = new OpenSearchRunner();
    runner.onBuild((n, settings) -> {
      settings.put("http.port", port);
      settings.put("network.host", "127.0.0.1");
    }).build(OpenSearchRunner.newConfigs().basePath(dir.resolve("os").toString()).numOfNode(1)
        .clusterName("aisle-serve-test").disableESLogger());
    runner.ensureYellow();
    uri = "opensearch://127.0.0.1:" + port + "/shop";
    try (OpenSearchIndex index = OpenSearchIndex.connect(SearchUri.parse(uri))) {
      index.export(ProductDocuments.of(ModelFile.read(cooc),
          new CatalogReader(false).readAll(catalog)), ExportOptions.DEFAULTS, null);
    }
    server = AisleServer.start(ServerOptions.builder(List.of("cooc=" + cooc)).catalog(catalog)
        .port(0).build(),
        Map.of("", SearchEngines.connect(uri)));
  }

  @AfterAll
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    if (runner != null) {
      runner.close();
      runner.clean();
    }
  }

  private JsonNode send(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  @Test
  void related_products_are_the_exported_indicators_with_reasons() throws Exception {
    CoocModel model = (CoocModel) ModelFile.read(cooc).model();
    int p = 0;
    List<String> expected = new ArrayList<>();
    for (ScoredItem s : model.indicators(p)) {
      if (s.product() != p && expected.size() < 5) {
        expected.add(corpus.products().id(s.product()));
      }
    }
    JsonNode body = send(request("/api/products/" + corpus.products().id(p) + "/related?k=5"));
    assertThat(body.get("backend").asText()).isEqualTo(uri);
    assertThat(body.get("items")).extracting(i -> i.get("id").asText())
        .containsExactlyElementsOf(expected);
    assertThat(body.get("items").get(0).get("reason").asText()).startsWith("browsed together");
  }

  @Test
  void a_session_with_rules_is_answered_by_the_indicator_query() throws Exception {
    String a = corpus.products().id(0);
    String b = corpus.products().id(1);
    JsonNode first = send(request("/api/recommendations").header("Content-Type",
        "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"session\":[\"" + a
            + "\",\"" + b + "\"],\"k\":6}")));
    assertThat(first.get("backend").asText()).isEqualTo(uri);
    assertThat(first.get("items")).hasSize(6);
    String top = first.get("items").get(0).get("id").asText();
    String category = first.get("items").get(0).get("category").asText();
    JsonNode ruled = send(request("/api/recommendations").header("Content-Type",
        "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"session\":[\"" + a
            + "\",\"" + b + "\"],\"k\":6,\"exclude\":[\"" + top + "\"],\"category\":\""
            + category + "\",\"inStockOnly\":true}")));
    assertThat(ruled.get("items")).isNotEmpty();
    for (JsonNode item : ruled.get("items")) {
      assertThat(item.get("id").asText()).isNotEqualTo(top);
      assertThat(item.get("category").asText()).isEqualTo(category);
      assertThat(item.path("inStock").asBoolean(true)).isTrue();
    }
    assertThat(send(request("/api/models")).get("models").get(0).get("backend").asText())
        .isEqualTo(uri);
  }

  @Test
  void a_server_whose_model_is_not_the_export_does_not_start() {
    Path other = train("other.model", "score=llr", "top=7");
    BadInputException e = assertThrows(BadInputException.class, () -> AisleServer.start(
        ServerOptions.builder(List.of(other.toString())).catalog(catalog).port(0).build(),
        Map.of("", SearchEngines.connect(uri))));
    assertThat(e).hasMessageContaining(uri + " holds a cooc model with checksum")
        .hasMessageContaining("aisle index --model " + other);
  }
}
