package dev.aisle.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The server in-process, spoken to over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AisleServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private Corpus corpus;
  private Path hybrid;
  private Path item2vec;
  private AisleServer server;

  private Path train(Algorithm a, String file, String... params) {
    Algorithm.Training t = a.prepare(Params.parse(List.of(params)));
    Recommender m = t.train(corpus, new TrainContext(1, 2, null, null));
    Path f = dir.resolve(file);
    ModelFile.write(m, ModelFile.info(m, t, 1, 2, CorpusFile.checksum(corpus),
        corpus.eventCount()), f);
    return f;
  }

  @BeforeAll
  void start() {
    corpus = TestShops.shop(dir.resolve("shop"), 400, 1500, 9);
    hybrid = train(Algorithm.HYBRID, "hybrid.model", "item2vec.epochs=3");
    item2vec = train(Algorithm.ITEM2VEC, "i2v.model", "epochs=3");
    ServerOptions o = ServerOptions.builder(List.of("hybrid=" + hybrid, "i2v=" + item2vec))
        .catalog(dir.resolve("shop/catalog.csv")).port(0).apiKey("secret")
        .corsOrigins(List.of("https://shop.example")).annThreshold(100).neighbourListMax(0)
        .build();
    server = AisleServer.start(o);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length == 0) {
      b.header("Content-Type", "application/json");
    } else {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  private String popular(int rank) {
    return corpus.products().id(rank);
  }

  @Test
  void related_products_come_with_reasons_and_catalog_data() throws Exception {
    HttpResponse<String> r = get("/api/products/" + popular(0) + "/related?k=5");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("model").asText()).isEqualTo("hybrid");
    assertThat(body.get("fallback").asBoolean()).isFalse();
    assertThat(body.get("items")).hasSize(5);
    for (JsonNode item : body.get("items")) {
      assertThat(item.get("id").asText()).isNotEqualTo(popular(0));
      assertThat(item.get("reason").asText()).isNotBlank();
      assertThat(item.get("name").asText()).isNotBlank();
      assertThat(item.has("price")).isTrue();
    }
  }

  @Test
  void embedding_models_answer_through_hnsw() throws Exception {
    JsonNode body = json(get("/api/products/" + popular(3) + "/related?k=10&model=i2v"));
    assertThat(body.get("items")).hasSize(10);
    assertThat(body.get("items").get(0).get("reason").asText()).startsWith("similar to");
    assertThat(json(get("/api/models")).get("models").get(1).get("ann").asBoolean()).isTrue();
  }

  @Test
  void embedding_models_have_a_product_map_for_the_dashboard() throws Exception {
    HttpResponse<String> r = get("/api/models/i2v/map?limit=50");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode map = json(r);
    assertThat(map.get("method").asText()).isEqualTo("pca");
    assertThat(map.get("points")).hasSize(50);
    JsonNode first = map.get("points").get(0);
    assertThat(first.get("id").asText()).isEqualTo(popular(0));
    assertThat(first.get("category").asText()).isNotBlank().isNotEqualTo("unknown");
    assertThat(first.get("name").asText()).isNotEqualTo(popular(0));
    assertThat(first.get("x").isNumber()).isTrue();
    double explained = map.get("explainedVariance").get(0).asDouble()
        + map.get("explainedVariance").get(1).asDouble();
    assertThat(explained).isBetween(0.01, 1.0);
    assertThat(json(get("/api/models")).get("models").get(1).get("vectors").asBoolean()).isTrue();
  }

  @Test
  void a_model_without_vectors_has_no_map_and_says_which_do() throws Exception {
    HttpResponse<String> r = get("/api/models/hybrid/map");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).contains("no product vectors").contains("i2v");
    assertThat(get("/api/models/nope/map").statusCode()).isEqualTo(400);
    assertThat(json(get("/api/models/i2v/map?limit=0")).get("field").asText())
        .isEqualTo("limit");
  }

  @Test
  void without_an_evaluation_file_the_evaluation_endpoint_says_how_to_get_one()
      throws Exception {
    HttpResponse<String> r = get("/api/evaluation");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).contains("--evaluation");
  }

  @Test
  void unknown_products_fall_back_to_popularity() throws Exception {
    JsonNode body = json(get("/api/products/NEW-PRODUCT/related?k=3"));
    assertThat(body.get("fallback").asBoolean()).isTrue();
    assertThat(body.get("items").get(0).get("id").asText()).isEqualTo(popular(0));
  }

  @Test
  void session_recommendations_follow_business_rules() throws Exception {
    String session = "[\"" + popular(1) + "\",\"" + popular(2) + "\"]";
    JsonNode body = json(post("/api/recommendations", "{\"session\":" + session
        + ",\"k\":8,\"maxPerCategory\":2,\"exclude\":[\"" + popular(1) + "\"]}"));
    assertThat(body.get("items").size()).isBetween(1, 8);
    java.util.Map<String, Integer> perCategory = new java.util.HashMap<>();
    for (JsonNode item : body.get("items")) {
      assertThat(item.get("id").asText()).isNotEqualTo(popular(1));
      assertThat(perCategory.merge(item.get("category").asText(), 1, Integer::sum)).isLessThanOrEqualTo(2);
    }
    JsonNode sofas = json(post("/api/recommendations", "{\"session\":" + session
        + ",\"k\":5,\"category\":\"sofas\",\"inStockOnly\":true}"));
    for (JsonNode item : sofas.get("items")) {
      assertThat(item.get("category").asText()).isEqualTo("sofas");
      assertThat(item.get("inStock").asBoolean()).isTrue();
    }
  }

  @Test
  void live_sessions_change_the_customers_recommendations() throws Exception {
    JsonNode before = json(get("/api/customers/alice/recommendations?k=5"));
    assertThat(before.get("fallback").asBoolean()).isTrue();
    HttpResponse<String> posted = post("/api/events", "[{\"customer\":\"alice\",\"product\":\""
        + popular(5) + "\"},{\"customer\":\"alice\",\"product\":\"" + popular(40) + "\"}]",
        "Content-Type", "application/json", "X-API-Key", "secret");
    assertThat(posted.statusCode()).isEqualTo(202);
    JsonNode after = json(get("/api/customers/alice/recommendations?k=5"));
    assertThat(after.get("fallback").asBoolean()).isFalse();
    assertThat(after.get("session")).hasSize(2);
    assertThat(after.get("items").toString()).isNotEqualTo(before.get("items").toString());
    for (JsonNode item : after.get("items")) {
      assertThat(item.get("id").asText()).isNotIn(popular(5), popular(40));
    }
  }

  @Test
  void events_and_reloads_need_the_api_key() throws Exception {
    assertThat(post("/api/events", "{\"customer\":\"x\",\"product\":\"y\"}").statusCode())
        .isEqualTo(401);
    assertThat(post("/api/admin/reload", "", "X-API-Key", "wrong").statusCode()).isEqualTo(401);
    assertThat(post("/api/events", "{\"customer\":\"x\",\"product\":\"y\"}", "Content-Type",
        "application/json", "Authorization", "Bearer secret").statusCode()).isEqualTo(202);
  }

  @Test
  void the_catalog_is_browsable() throws Exception {
    JsonNode page = json(get("/api/products?category=sofas&size=5"));
    assertThat(page.get("total").asInt()).isPositive();
    assertThat(page.get("items").size()).isBetween(1, 5);
    assertThat(page.get("categories").toString()).contains("sofas");
    JsonNode one = json(get("/api/products/" + popular(0)));
    assertThat(one.get("views").asInt()).isEqualTo(corpus.products().count(0));
    assertThat(get("/api/products/no-such").statusCode()).isEqualTo(404);
    String image = one.get("image").asText();
    assertThat(get(image).statusCode()).isEqualTo(200);
  }

  @Test
  void health_metrics_openapi_and_cors() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(200);
    get("/api/products/" + popular(0) + "/related");
    String metrics = get("/metrics").body();
    assertThat(metrics).contains("aisle_http_requests_total{route=\"/api/products/{id}/related\"")
        .contains("aisle_http_request_duration_seconds_bucket").contains("aisle_models_loaded 2");
    JsonNode openapi = json(get("/api/openapi.json"));
    assertThat(openapi.get("paths").has("/api/recommendations")).isTrue();
    HttpResponse<String> cors = http.send(HttpRequest.newBuilder(uri("/api/products"))
        .header("Origin", "https://shop.example").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(cors.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://shop.example");
  }

  @Test
  void reloads_under_load_never_fail_a_request() throws Exception {
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Thread load = new Thread(() -> {
      for (int i = 0; i < 400; i++) {
        try {
          if (get("/api/products/" + popular(i % 50) + "/related?k=5").statusCode() != 200) {
            failures.incrementAndGet();
          }
        } catch (Exception e) {
          failures.incrementAndGet();
        }
        done.incrementAndGet();
      }
    });
    load.start();
    Path cooc = train(Algorithm.COOC, "cooc.model");
    Path original = Files.copy(hybrid, dir.resolve("hybrid.backup"),
        StandardCopyOption.REPLACE_EXISTING);
    java.util.Set<String> algorithms = new java.util.HashSet<>();
    for (int i = 0; i < 10; i++) {
      Files.copy(i % 2 == 0 ? cooc : original, dir.resolve("swap.tmp"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.move(dir.resolve("swap.tmp"), hybrid, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      HttpResponse<String> r = post("/api/admin/reload", "", "X-API-Key", "secret");
      assertThat(r.statusCode()).isEqualTo(200);
      algorithms.add(json(r).get("models").get(0).get("algorithm").asText());
    }
    load.join();
    assertThat(algorithms).containsExactlyInAnyOrder("cooc", "hybrid");
    assertThat(done.get()).isEqualTo(400);
    assertThat(failures.get()).isZero();
  }

  @Test
  void related_from_neighbour_lists_matches_exact_scoring() throws Exception {
    ServerOptions exact = ServerOptions.builder(List.of("i2v=" + item2vec)).port(0)
        .annThreshold(Integer.MAX_VALUE).neighbourListMax(0).build();
    try (AisleServer lists = AisleServer.start(exact.toBuilder().neighbourListMax(100_000)
            .build());
        AisleServer plain = AisleServer.start(exact)) {
      assertThat(JSON.readTree(getFrom(lists, "/api/models")).get("models").get(0)
          .get("neighbourLists").asBoolean()).isTrue();
      for (String id : List.of("P000001", "P000017", "P000123", "P000300")) {
        String path = "/api/products/" + id + "/related?k=20";
        com.fasterxml.jackson.databind.JsonNode listed = JSON.readTree(getFrom(lists, path));
        assertThat(listed.get("fallback").asBoolean()).as(id).isFalse();
        List<String> fromLists = ids(listed);
        List<String> fromExact = ids(JSON.readTree(getFrom(plain, path)));
        assertThat(fromLists).hasSize(20).isEqualTo(fromExact);
      }
    }
  }

  /**
   * Below the HNSW threshold (this class's server serves i2v through HNSW, which is approximate
   * and may miss one of the best) a session is scored exactly.
   */
  @Test
  void session_recommendations_of_an_embedding_model_match_its_own_exact_scoring()
      throws Exception {
    Recommender model = ModelFile.read(item2vec).model();
    java.util.Random rng = new java.util.Random(5);
    try (AisleServer exact = AisleServer.start(ServerOptions.builder(List.of("i2v=" + item2vec))
        .port(0).annThreshold(Integer.MAX_VALUE).neighbourListMax(0).build())) {
      for (int trial = 0; trial < 10; trial++) {
        int[] session = rng.ints(1 + trial % 5, 0, model.products().size()).toArray();
        float[] scores = new float[model.products().size()];
        model.scoreNext(session, scores);
        List<ScoredItem> expected = TopK.select(scores, 20, null);
        String body = JSON.writeValueAsString(Map.of("model", "i2v", "k", 20, "session",
            java.util.Arrays.stream(session).mapToObj(model.products()::id).toList()));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + exact.port() + "/api/recommendations")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode items = json(r).get("items");
        assertThat(items).as(body).hasSize(20);
        for (int i = 0; i < 20; i++) {
          // the i-th best exact score (near-ties may swap products, never skip a better one)
          float got = (float) items.get(i).get("score").asDouble();
          assertThat(got).as(body).isCloseTo(expected.get(i).score(), within(1e-4f));
          assertThat(got).isCloseTo(scores[model.products().ordinal(items.get(i).get("id")
              .asText())], within(1e-4f));
        }
      }
    }
  }

  private String getFrom(AisleServer s, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + s.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  private static List<String> ids(com.fasterxml.jackson.databind.JsonNode response) {
    List<String> out = new java.util.ArrayList<>();
    response.get("items").forEach(i -> out.add(i.get("id").asText()));
    return out;
  }

  @Test
  void the_file_watch_reloads_a_changed_model() throws Exception {
    Path watched = Files.copy(item2vec, dir.resolve("watched.model"),
        StandardCopyOption.REPLACE_EXISTING);
    ServerOptions o = ServerOptions.builder(List.of("w=" + watched)).port(0).annThreshold(100)
        .neighbourListMax(100_000).watch(true).build();
    try (AisleServer watching = AisleServer.start(o)) {
      URI models = URI.create("http://127.0.0.1:" + watching.port() + "/api/models");
      String before = JSON.readTree(http.send(HttpRequest.newBuilder(models).build(),
          HttpResponse.BodyHandlers.ofString()).body()).get("models").get(0).get("algorithm")
          .asText();
      Path cooc = train(Algorithm.COOC, "watched-cooc.model");
      Files.move(cooc, watched, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(watched, java.nio.file.attribute.FileTime.fromMillis(
          System.currentTimeMillis() + 5_000));
      String after = before;
      for (int i = 0; i < 50 && after.equals(before); i++) {
        Thread.sleep(200);
        after = JSON.readTree(http.send(HttpRequest.newBuilder(models).build(),
            HttpResponse.BodyHandlers.ofString()).body()).get("models").get(0)
            .get("algorithm").asText();
      }
      assertThat(before).isEqualTo("item2vec");
      assertThat(after).isEqualTo("cooc");
    }
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("POST", "/api/recommendations", "{\"session\":", "application/json", 400),
        Arguments.of("POST", "/api/recommendations", "{\"session\":\"p1\"}", "application/json",
            400),
        Arguments.of("POST", "/api/recommendations", "{\"session\":[1,2]}", "application/json",
            400),
        Arguments.of("POST", "/api/recommendations", "{\"session\":[\"a\"],\"k\":0}",
            "application/json", 400),
        Arguments.of("POST", "/api/recommendations", "{\"session\":[\"a\"],\"k\":100000}",
            "application/json", 400),
        Arguments.of("POST", "/api/recommendations", "{\"session\":[\"a\"],\"k\":\"ten\"}",
            "application/json", 400),
        Arguments.of("POST", "/api/recommendations", "{\"session\":[\"a\"],\"model\":\"nope\"}",
            "application/json", 400),
        Arguments.of("POST", "/api/recommendations", "{\"session\":[\"a\"],\"maxPerCategory\":-1}",
            "application/json", 400),
        Arguments.of("POST", "/api/recommendations", "{\"session\":[\"a\"],\"inStockOnly\":\"y\"}",
            "application/json", 400),
        Arguments.of("POST", "/api/recommendations", "{}", "application/json", 400),
        Arguments.of("POST", "/api/recommendations", "[]", "application/json", 400),
        Arguments.of("POST", "/api/recommendations", "", "application/json", 400),
        Arguments.of("POST", "/api/recommendations", "{\"session\":[\"a\"]}", "text/plain", 415),
        Arguments.of("POST", "/api/recommendations", "{\"session\":["
            + "\"p\",".repeat(600) + "\"p\"]}", "application/json", 400),
        Arguments.of("POST", "/api/recommendations", "{\"session\":[\""
            + "x".repeat(2_000_000) + "\"]}", "application/json", 413),
        Arguments.of("GET", "/api/products/p/related?k=-3", null, null, 400),
        Arguments.of("GET", "/api/products/p/related?k=abc", null, null, 400),
        Arguments.of("GET", "/api/products/p/related?model=nope", null, null, 400),
        Arguments.of("GET", "/api/products?page=-1", null, null, 400),
        Arguments.of("GET", "/api/products?size=100000", null, null, 400),
        Arguments.of("GET", "/api/customers/c/recommendations?k=0", null, null, 400),
        Arguments.of("GET", "/api/no-such-endpoint", null, null, 404),
        Arguments.of("DELETE", "/api/products", null, null, 404));
  }

  @ParameterizedTest(name = "{0} {1} -> {4}")
  @MethodSource("badRequests")
  void malformed_requests_get_a_4xx_json_error_naming_the_problem(String method, String path,
      String body, String type, int status) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode error = json(r);
    assertThat(error.get("error").asText()).isNotBlank().doesNotContain("Exception");
    assertThat(r.body()).doesNotContain("\tat ");
  }

  @Test
  void bad_events_name_the_field_and_the_index() throws Exception {
    HttpResponse<String> r = post("/api/events", "[{\"customer\":\"a\",\"product\":\"b\"},"
        + "{\"customer\":\"a\",\"product\":\"b\",\"timestamp\":\"yesterday\"}]", "Content-Type",
        "application/json", "X-API-Key", "secret");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("[1].timestamp");
  }
}
