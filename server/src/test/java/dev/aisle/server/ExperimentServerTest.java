package dev.aisle.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import dev.aisle.server.experiment.ExperimentSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Experiments over HTTP: assignment, crediting, the report, restarts and bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "admin-secret";
  private static final String COLLECT = "public-collect";
  @TempDir static Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private Corpus corpus;
  private Path pop;
  private Path hybrid;
  private AisleServer server;

  @BeforeAll
  void train() {
    corpus = TestShops.shop(dir.resolve("shop"), 300, 1000, 5);
    pop = train(Algorithm.POP, "pop.model");
    hybrid = train(Algorithm.HYBRID, "hybrid.model", "item2vec.epochs=2");
  }

  private Path train(Algorithm a, String file, String... params) {
    Algorithm.Training t = a.prepare(Params.parse(List.of(params)));
    Recommender m = t.train(corpus, new TrainContext(1, 2, null, null));
    Path f = dir.resolve(file);
    ModelFile.write(m, ModelFile.info(m, t, 1, 2, CorpusFile.checksum(corpus),
        corpus.eventCount()), f);
    return f;
  }

  private ServerOptions.Builder options(Path log, String... experiments) {
    List<ExperimentSpec> specs = new ArrayList<>();
    for (String e : experiments) {
      specs.add(ExperimentSpec.parse(e));
    }
    return ServerOptions.builder(List.of("pop=" + pop, "hybrid=" + hybrid))
        .catalog(dir.resolve("shop/catalog.csv")).port(0).apiKey(KEY).collectKey(COLLECT)
        .experiments(specs).experimentLog(log).neighbourListMax(0);
  }

  private AisleServer start(Path log, String... experiments) {
    server = AisleServer.start(options(log, experiments).build());
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type",
            "application/json");
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b);
  }

  private HttpResponse<String> event(String body) throws Exception {
    return post("/api/events", body, "X-API-Key", KEY);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private String product(int rank) {
    return corpus.products().id(rank);
  }

  private static String click(String visitor, String product, String from, String type) {
    return "{\"customer\":\"" + visitor + "\",\"product\":\"" + product + "\",\"from\":"
        + (from == null ? "null" : "\"" + from + "\"") + ",\"type\":\"" + type + "\"}";
  }

  private JsonNode experiment(String name) throws Exception {
    for (JsonNode e : get("/api/experiments").get("experiments")) {
      if (e.get("name").asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no experiment " + name);
  }

  @Test
  void a_visitor_sees_one_arm_every_time_and_the_model_parameter_overrides() throws Exception {
    start(null, "ab=pop:50,hybrid:50");
    String p = product(3);
    for (int v = 0; v < 20; v++) {
      String model = ExperimentSpec.parse("ab=pop:50,hybrid:50").arms()
          .get(ExperimentSpec.parse("ab=pop:50,hybrid:50").assign("v" + v)).model();
      JsonNode a = get("/api/products/" + p + "/related?k=5&visitor=v" + v);
      JsonNode b = get("/api/products/" + p + "/related?k=5&visitor=v" + v);
      assertThat(a.get("model").asText()).isEqualTo(model);
      assertThat(b.get("items")).isEqualTo(a.get("items"));
      assertThat(a.get("experiment").asText()).isEqualTo("ab");
      assertThat(a.get("recommendationId").asText()).isNotEqualTo(
          b.get("recommendationId").asText());
    }
    JsonNode forced = get("/api/products/" + p + "/related?k=5&visitor=v1&model=pop");
    assertThat(forced.get("model").asText()).isEqualTo("pop");
    assertThat(forced.has("experiment")).isFalse();
    assertThat(forced.get("recommendationId").asText()).isNotBlank();
    JsonNode anonymous = get("/api/products/" + p + "/related?k=5");
    assertThat(anonymous.has("experiment")).isFalse();
    JsonNode e = experiment("ab");
    assertThat(e.get("variants").get(0).get("impressions").asLong()
        + e.get("variants").get(1).get("impressions").asLong()).isEqualTo(40);
  }

  @Test
  void clicks_carts_and_purchases_move_the_counters_and_survive_a_restart() throws Exception {
    Path log = dir.resolve("log-restart");
    start(log, "ab=pop:50,hybrid:50");
    int clicks = 0;
    for (int v = 0; v < 30; v++) {
      String visitor = "shopper-" + v;
      JsonNode r = JSON.readTree(post("/api/recommendations", "{\"session\":[\"" + product(v)
          + "\"],\"k\":6,\"visitor\":\"" + visitor + "\"}").body());
      String id = r.get("recommendationId").asText();
      String clicked = r.get("items").get(v % 6).get("id").asText();
      if (v % 3 == 0) {
        JsonNode answer = JSON.readTree(event(click(visitor, clicked, id, "view")).body());
        assertThat(answer.get("credited").asInt()).isEqualTo(1);
        event(click(visitor, clicked, null, "cart"));
        event(click(visitor, clicked, null, "purchase"));
        clicks++;
      }
    }
    JsonNode before = experiment("ab");
    long total = 0;
    for (JsonNode v : before.get("variants")) {
      total += v.get("clicks").asLong();
      assertThat(v.get("carts").asLong()).isEqualTo(v.get("clicks").asLong());
      assertThat(v.get("purchases").asLong()).isEqualTo(v.get("clicks").asLong());
      assertThat(v.get("ctr").get("value").asDouble()).isBetween(0.0, 1.0);
      assertThat(v.get("purchasesPer1000").get("value").asDouble())
          .isEqualTo(1000.0 * v.get("purchases").asLong() / v.get("impressions").asLong());
    }
    assertThat(total).isEqualTo(clicks);
    assertThat(before.get("comparisons").get(0).get("ctr").has("p")).isTrue();
    assertThat(before.get("test").asText()).contains("z-test").contains("delta method");

    server.close();
    start(log, "ab=pop:50,hybrid:50");
    JsonNode after = experiment("ab");
    assertThat(after.get("variants")).isEqualTo(before.get("variants"));
    assertThat(get("/api/experiments").get("log").get("replayed").asInt()).isPositive();
  }

  @Test
  void interleaved_lists_mix_both_models_and_credit_clicks_to_the_contributor()
      throws Exception {
    start(null, "mix=interleave:pop,hybrid");
    String p = product(10);
    JsonNode popList = get("/api/products/" + p + "/related?k=6&model=pop");
    JsonNode hybridList = get("/api/products/" + p + "/related?k=6&model=hybrid");
    List<String> popIds = ids(popList);
    List<String> hybridIds = ids(hybridList);
    int[] credited = new int[2];
    for (int v = 0; v < 40; v++) {
      JsonNode r = get("/api/products/" + p + "/related?k=6&visitor=m" + v);
      assertThat(r.get("model").asText()).isEqualTo("interleave:pop,hybrid");
      List<String> shown = ids(r);
      assertThat(shown).hasSize(6).allMatch(id -> popIds.contains(id) || hybridIds.contains(id));
      assertThat(shown.subList(0, 2)).contains(hybridIds.get(0));
      // click the first product only one model ranks
      String only = shown.stream().filter(id -> popIds.contains(id) != hybridIds.contains(id))
          .findFirst().orElseThrow();
      credited[hybridIds.contains(only) ? 1 : 0]++;
      event(click("m" + v, only, r.get("recommendationId").asText(), "view"));
    }
    JsonNode e = experiment("mix");
    assertThat(e.get("impressions").asLong()).isEqualTo(40);
    assertThat(e.get("clicks").get(0).asLong()).isEqualTo(credited[0]);
    assertThat(e.get("clicks").get(1).asLong()).isEqualTo(credited[1]);
    assertThat(e.get("clickShare").get("value").asDouble())
        .isEqualTo(credited[1] / 40.0);
    assertThat(e.get("test").asText()).contains("binomial");
  }

  private static List<String> ids(JsonNode r) {
    List<String> out = new ArrayList<>();
    r.get("items").forEach(i -> out.add(i.get("id").asText()));
    return out;
  }

  // ---- bad input

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"name\":\"x\",\"definition\":\"pop:50,nope:50\"}    | 'nope', which is not served",
      "{\"name\":\"x\",\"definition\":\"pop:50,hybrid:60\"}  | add up to 110",
      "{\"name\":\"x\",\"definition\":\"interleave:pop\"}    | exactly two models",
      "{\"name\":\"bad name\",\"definition\":\"pop:50,hybrid:50\"} | experiment name",
      "{\"name\":\"x\"}                                      | expected"})
  void bad_experiment_definitions_are_400s_naming_the_fault(String body, String message)
      throws Exception {
    start(null);
    HttpResponse<String> r = post("/api/admin/experiments", body, "X-API-Key", KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("error").asText()).contains(message);
  }

  @Test
  void experiments_started_over_http_need_the_key_and_keep_their_definition() throws Exception {
    Path log = dir.resolve("log-admin");
    start(log);
    String body = "{\"name\":\"late\",\"definition\":\"interleave:pop,hybrid\"}";
    assertThat(post("/api/admin/experiments", body).statusCode()).isEqualTo(401);
    assertThat(post("/api/admin/experiments", body, "X-API-Key", KEY).statusCode())
        .isEqualTo(201);
    assertThat(post("/api/admin/experiments", body, "X-API-Key", KEY).statusCode())
        .isEqualTo(200);
    HttpResponse<String> other = post("/api/admin/experiments",
        "{\"name\":\"late\",\"definition\":\"pop:50,hybrid:50\"}", "X-API-Key", KEY);
    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(get("/api/config").get("experiment").asText()).isEqualTo("late");
    server.close();
    start(log);
    assertThat(experiment("late").get("status").asText()).isEqualTo("running");
    assertThat(post("/api/admin/experiments/late/end", "", "X-API-Key", KEY).statusCode())
        .isEqualTo(200);
    assertThat(experiment("late").get("status").asText()).isEqualTo("ended");
    assertThat(post("/api/admin/experiments/nope/end", "", "X-API-Key", KEY).statusCode())
        .isEqualTo(404);
  }

  @Test
  void events_that_cannot_be_credited_are_accepted_and_counted_as_skips() throws Exception {
    start(null, "ab=pop:50,hybrid:50");
    String v = "skipper";
    JsonNode r = get("/api/products/" + product(2) + "/related?k=4&visitor=" + v);
    String id = r.get("recommendationId").asText();
    String shown = r.get("items").get(0).get("id").asText();
    HttpResponse<String> batch = event("[" + click(v, shown, "never-issued", "view") + ","
        + click(v, "NOT-SHOWN", id, "view") + "," + click(v, product(299), null, "purchase")
        + "," + click("someone-else", shown, id, "view") + "," + click(v, shown, id, "view")
        + "]");
    assertThat(batch.statusCode()).isEqualTo(202);
    JsonNode answer = JSON.readTree(batch.body());
    assertThat(answer.get("accepted").asInt()).isEqualTo(5);
    assertThat(answer.get("credited").asInt()).isEqualTo(1);
    assertThat(answer.get("skipped").get("unknownFrom").asInt()).isEqualTo(1);
    assertThat(answer.get("skipped").get("notInList").asInt()).isEqualTo(1);
    assertThat(answer.get("skipped").get("purchaseWithoutClick").asInt()).isEqualTo(1);
    assertThat(answer.get("skipped").get("otherVisitor").asInt()).isEqualTo(1);
    JsonNode skipped = get("/api/experiments").get("skipped");
    assertThat(skipped.get("unknownFrom").asLong()).isEqualTo(1);
    assertThat(skipped.get("purchaseWithoutClick").asLong()).isEqualTo(1);
    // the views still feed the visitor's live session
    assertThat(get("/api/customers/" + v + "/recommendations?k=3").get("session")).hasSize(4);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"customer\":\"v\",\"product\":\"P\",\"type\":\"wishlist\"}  | type",
      "{\"customer\":\"v\",\"product\":\"P\",\"type\":3}             | type",
      "{\"customer\":\"v\",\"product\":\"P\",\"from\":7}             | from",
      "[{\"customer\":\"v\",\"product\":\"P\"},{\"customer\":\"v\",\"product\":\"P\",\"from\":\"\"}] | [1].from"})
  void malformed_event_fields_are_400s_naming_the_field(String body, String field)
      throws Exception {
    start(null, "ab=pop:50,hybrid:50");
    HttpResponse<String> r = event(body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo(field);
  }

  @Test
  void an_unknown_experiment_or_one_without_a_visitor_is_a_400() throws Exception {
    start(null, "ab=pop:50,hybrid:50");
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/products/" + product(1)
        + "/related?experiment=nope&visitor=v")).GET());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("experiment");
    assertThat(JSON.readTree(r.body()).get("error").asText()).contains("running: ab");
    HttpResponse<String> noVisitor = send(HttpRequest.newBuilder(uri("/api/products/"
        + product(1) + "/related?experiment=ab")).GET());
    assertThat(noVisitor.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noVisitor.body()).get("field").asText()).isEqualTo("visitor");
  }

  @Test
  void a_server_refuses_to_start_with_an_experiment_over_an_unknown_model() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> start(null, "ab=pop:50,hybird:50"));
    assertThat(e.getMessage()).contains("'hybird'").contains("loaded: pop, hybrid");
  }

  // ---- browsers post events with the collection key, never the API key

  @Test
  void browsers_post_events_with_the_public_collection_key_at_a_limited_rate()
      throws Exception {
    server = AisleServer.start(options(null).collectRate(2).build());
    assertThat(get("/api/config").get("collectKey").asText()).isEqualTo(COLLECT);
    String body = "{\"customer\":\"b\",\"product\":\"" + product(1) + "\"}";
    assertThat(post("/api/events", body).statusCode()).isEqualTo(401);
    assertThat(post("/api/events", body, "X-Collect-Key", "guess").statusCode())
        .isEqualTo(401);
    // the collection key opens events only
    assertThat(post("/api/admin/reload", "", "X-Collect-Key", COLLECT).statusCode())
        .isEqualTo(401);
    int accepted = 0;
    int limited = 0;
    for (int i = 0; i < 30; i++) {
      int status = post("/api/events", body, "X-Collect-Key", COLLECT).statusCode();
      accepted += status == 202 ? 1 : 0;
      limited += status == 429 ? 1 : 0;
    }
    // a burst of 5 tokens x rate 2/s, plus what refills while the 30 requests run
    assertThat(accepted).isBetween(10, 25);
    assertThat(limited).isEqualTo(30 - accepted);
    // the API key is never limited
    for (int i = 0; i < 20; i++) {
      assertThat(post("/api/events", body, "X-API-Key", KEY).statusCode()).isEqualTo(202);
    }
  }
}
