package dev.aisle.server.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.BadInputException;
import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.model.ModelInfo;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.search.Filters;
import dev.aisle.search.Hit;
import dev.aisle.search.IndexInfo;
import dev.aisle.search.SearchBackend;
import dev.aisle.search.SearchEngineException;
import dev.aisle.search.SearchUri;
import dev.aisle.server.AisleServer;
import dev.aisle.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the server hands a model's queries to a search backend ({@code aisle serve --backend}):
 * which model, with which rules, what the response says, and what happens when the engine holds
 * another model or fails. The engine here is a recording one; the real engines' queries are
 * tested against in-process SolrCloud and OpenSearch in the search module.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineBackendServeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private Corpus corpus;
  private Path cooc;
  private Path pop;
  private RecordingEngine engine;
  private AisleServer server;

  /** Answers with the least browsed products, remembering what it was asked. */
  private final class RecordingEngine implements SearchBackend {
    volatile String checksum;
    volatile Filters lastFilters;
    volatile List<String> lastSession;
    volatile boolean down;

    RecordingEngine(String checksum) {
      this.checksum = checksum;
    }

    @Override
    public SearchUri uri() {
      return SearchUri.parse("solr://search1:8983/shop");
    }

    @Override
    public IndexInfo info() {
      return new IndexInfo(checksum, "cooc", corpus.products().size(), 0, true, "last", 1.0,
          new double[] {1},
          new ModelInfo("cooc", Map.of(), 1, 1, "c", 1, "test"));
    }

    private List<Hit> leastBrowsed(int k) {
      if (down) {
        throw new SearchEngineException(0, "solr://search1:8983/shop: no node answered");
      }
      List<Hit> out = new ArrayList<>();
      int n = corpus.products().size();
      for (int p = n - 1; p >= 0 && out.size() < k; p--) {
        String id = corpus.products().id(p);
        if (!lastFilters.exclude().contains(id)) {
          out.add(new Hit(id, n - p));
        }
      }
      return out;
    }

    @Override
    public List<Hit> related(String productId, int k, Filters filters) {
      lastFilters = filters;
      return leastBrowsed(k);
    }

    @Override
    public List<Hit> next(List<String> session, int k, Filters filters) {
      lastFilters = filters;
      lastSession = session;
      return leastBrowsed(k);
    }

    @Override
    public void close() {}
  }

  private Path train(Algorithm a, String file) {
    Algorithm.Training t = a.prepare(Params.none());
    Recommender m = t.train(corpus, new TrainContext(1, 1, null, null));
    Path f = dir.resolve(file);
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(corpus),
        corpus.eventCount()), f);
    return f;
  }

  private ServerOptions options() {
    return ServerOptions.builder(List.of("cooc=" + cooc, "pop=" + pop))
        .catalog(dir.resolve("shop/catalog.csv")).port(0).build();
  }

  @BeforeAll
  void start() {
    corpus = TestShops.shop(dir.resolve("shop"), 200, 600, 4);
    cooc = train(Algorithm.COOC, "cooc.model");
    pop = train(Algorithm.POP, "pop.model");
    engine = new RecordingEngine(ModelFile.read(cooc).checksum());
    server = AisleServer.start(options(), Map.of("", engine));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private JsonNode get(String path, int status) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  private JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private String id(int p) {
    return corpus.products().id(p);
  }

  @Test
  void the_default_model_is_answered_by_the_engine_and_says_so() throws Exception {
    JsonNode body = get("/api/products/" + id(0) + "/related?k=3", 200);
    assertThat(body.get("backend").asText()).isEqualTo("solr://search1:8983/shop");
    int n = corpus.products().size();
    assertThat(body.get("items")).extracting(i -> i.get("id").asText())
        .containsExactly(id(n - 1), id(n - 2), id(n - 3));
    assertThat(body.get("items").get(0).get("name").asText()).isNotBlank();
    JsonNode models = get("/api/models", 200).get("models");
    assertThat(models.get(0).get("backend").asText()).isEqualTo("solr://search1:8983/shop");
    assertThat(models.get(1).has("backend")).isFalse();
  }

  @Test
  void other_models_and_unknown_products_are_answered_in_process() throws Exception {
    assertThat(get("/api/products/" + id(0) + "/related?k=3&model=pop", 200).has("backend"))
        .isFalse();
    JsonNode unknown = get("/api/products/NEW-ONE/related?k=3", 200);
    assertThat(unknown.get("fallback").asBoolean()).isTrue();
    assertThat(unknown.has("backend")).isFalse();
  }

  @Test
  void business_rules_reach_the_engine_as_filters() throws Exception {
    String category = get("/api/products/" + id(5), 200).get("category").asText();
    JsonNode body = post("/api/recommendations", "{\"session\":[\"" + id(1) + "\",\"" + id(2)
        + "\"],\"k\":4,\"exclude\":[\"" + id(199) + "\"],\"category\":\"" + category
        + "\",\"inStockOnly\":true}");
    assertThat(engine.lastSession).containsExactly(id(1), id(2));
    assertThat(engine.lastFilters).isEqualTo(new Filters(Set.of(id(199)), category, true));
    assertThat(body.get("backend").asText()).isEqualTo("solr://search1:8983/shop");
    // the server still checks the rules against its catalog
    for (JsonNode item : body.get("items")) {
      assertThat(item.get("category").asText()).isEqualTo(category);
      assertThat(item.get("id").asText()).isNotEqualTo(id(199));
    }
  }

  @Test
  void an_engine_that_does_not_answer_is_a_503_naming_it() throws Exception {
    engine.down = true;
    try {
      JsonNode body = get("/api/products/" + id(0) + "/related?k=3", 503);
      assertThat(body.get("error").asText()).contains("search backend failed")
          .contains("solr://search1:8983/shop");
    } finally {
      engine.down = false;
    }
  }

  @Test
  void while_the_engine_holds_another_model_the_server_answers_in_process() throws Exception {
    String held = engine.checksum;
    EngineBackends.recheckNanos = 0;
    try {
      engine.checksum = "0123abcd"; // e.g. aisle index --alias moved to a newer model
      JsonNode body = get("/api/products/" + id(0) + "/related?k=3", 200);
      assertThat(body.has("backend")).isFalse();
      assertThat(body.get("items")).hasSize(3);
      engine.checksum = held; // the server's model file and the export agree again
      assertThat(get("/api/products/" + id(0) + "/related?k=3", 200).get("backend").asText())
          .isEqualTo("solr://search1:8983/shop");
    } finally {
      engine.checksum = held;
      EngineBackends.recheckNanos = 10_000_000_000L;
    }
  }

  @Test
  void an_engine_holding_another_model_is_refused_at_start() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> AisleServer.start(options(), Map.of("cooc", new RecordingEngine("0123abcd"))));
    assertThat(e).hasMessageContaining("solr://search1:8983/shop holds a cooc model with "
        + "checksum 0123abcd").hasMessageContaining("export it again with 'aisle index");
  }
}
