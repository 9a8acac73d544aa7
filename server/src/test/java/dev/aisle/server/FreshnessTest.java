package dev.aisle.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.events.EventLogOptions;
import dev.aisle.events.SegmentLog;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A product launched after training: once visitors' sessions with it have ended, it is
 * recommended by every kind of model, within the minute, without a retrain.
 */
class FreshnessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration GAP = Duration.ofSeconds(1);
  @TempDir static Path dir;
  private static Corpus corpus;
  private static List<String> models;
  private final HttpClient http = HttpClient.newHttpClient();

  private static String train(Algorithm a, String... params) {
    Algorithm.Training t = a.prepare(Params.parse(List.of(params)));
    Recommender m = t.train(corpus, new TrainContext(1, 1, null, null));
    Path f = dir.resolve(a.label() + ".model");
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(corpus),
        corpus.eventCount()), f);
    return a.label() + "=" + f;
  }

  @BeforeAll
  static void trainModels() {
    corpus = TestShops.shop(dir.resolve("shop"), 200, 800, 4);
    models = List.of(train(Algorithm.COOC), train(Algorithm.ITEM2VEC, "epochs=3"),
        train(Algorithm.SKNN), train(Algorithm.POP, "by-category=false"));
  }

  private AisleServer start(Path log) {
    ServerOptions o = ServerOptions.builder(models).port(0).sessionGap(GAP).build();
    return AisleServer.start(o, Map.of(), new Learning(SegmentLog.open(EventLogOptions.of(log)),
        dev.aisle.retrain.RetrainHistory.of(log), null));
  }

  private JsonNode get(AisleServer s, String path) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + s.port() + path)).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private JsonNode post(AisleServer s, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + s.port() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isLessThan(300);
    return JSON.readTree(r.body());
  }

  private static List<String> ids(JsonNode answer) {
    List<String> out = new ArrayList<>();
    answer.get("items").forEach(i -> out.add(i.get("id").asText()));
    return out;
  }

  @Test
  void a_brand_new_product_is_recommended_within_the_minute_and_after_a_restart()
      throws Exception {
    // a product in the long tail, so its trained neighbours carry little evidence
    String a = corpus.products().id(150);
    String b = corpus.products().id(160);
    String launched = "LAUNCHED-1";
    Path log = dir.resolve("events");
    long start;
    try (AisleServer s = start(log)) {
      assertThat(get(s, "/api/products/" + launched + "/related?model=cooc")
          .get("fallback").asBoolean()).isTrue();
      StringBuilder events = new StringBuilder("[");
      for (int c = 0; c < 6; c++) {
        for (String p : List.of(a, launched, b)) {
          events.append(events.length() > 1 ? "," : "").append("{\"customer\":\"v").append(c)
              .append("\",\"product\":\"").append(p).append("\"}");
        }
      }
      post(s, "/api/events", events.append("]").toString());
      start = System.currentTimeMillis();
      while (get(s, "/api/models").get("models").get(0).get("freshness").get("sessionsFolded")
          .asInt() < 6 && System.currentTimeMillis() - start < 60_000) {
        Thread.sleep(100);
      }
      eventually(start, () -> assertFresh(s, a, b, launched));
      JsonNode freshness = get(s, "/api/models").get("models").get(1).get("freshness");
      assertThat(freshness.get("lastEventFolded").asText()).isNotEmpty();
      assertThat(freshness.get("foldIn").asText()).contains("vector");
    }
    try (AisleServer s = start(log)) { // rebuilt from the event log
      eventually(System.currentTimeMillis(), () -> assertFresh(s, a, b, launched));
    }
  }

  /** Something that throws AssertionError until it holds. */
  private interface Check {
    void run() throws Exception;
  }

  /** Runs {@code check} until it passes, failing with its last error a minute after {@code t0}. */
  private static void eventually(long t0, Check check) throws Exception {
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.currentTimeMillis() - t0 > 60_000) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private void assertFresh(AisleServer s, String a, String b, String launched) throws Exception {
    for (String model : List.of("cooc", "item2vec", "sknn")) {
      JsonNode related = get(s, "/api/products/" + a + "/related?k=20&model=" + model);
      assertThat(ids(related)).as(model + " related of " + a).contains(launched);
      JsonNode ofNew = get(s, "/api/products/" + launched + "/related?k=20&model=" + model);
      assertThat(ofNew.get("fallback").asBoolean()).as(model).isFalse();
      assertThat(ids(ofNew)).as(model + " related of the new product").contains(a);
      JsonNode next = post(s, "/api/recommendations", "{\"session\":[\"" + b + "\",\"" + a
          + "\"],\"k\":20,\"model\":\"" + model + "\"}");
      assertThat(ids(next)).as(model + " next after " + a).contains(launched);
    }
    JsonNode item = null;
    for (JsonNode i : get(s, "/api/products/" + a + "/related?k=20&model=cooc").get("items")) {
      if (i.get("id").asText().equals(launched)) {
        item = i;
      }
    }
    assertThat(item.get("reason").asText()).isEqualTo("browsed together in 6 sessions since the "
        + "last training");
    // popularity: 6 sessions are far fewer than the trained counts of the top products
    assertThat(ids(get(s, "/api/products/" + a + "/related?k=5&model=pop")))
        .doesNotContain(launched);
  }

  @Test
  void once_every_model_is_retrained_on_them_the_fresh_sessions_are_dropped() throws Exception {
    Path log = dir.resolve("events-dropped");
    try (AisleServer s = start(log)) {
      post(s, "/api/events", "[{\"customer\":\"w\",\"product\":\"" + corpus.products().id(5)
          + "\"},{\"customer\":\"w\",\"product\":\"LAUNCHED-2\"}]");
      eventually(System.currentTimeMillis(), () -> assertThat(get(s, "/api/models")
          .get("models").get(0).get("freshness").get("sessionsHeld").asInt()).isEqualTo(1));
      // a retrain swapped every model in, trained on events up to an hour from now
      String until = java.time.Instant.now().plusSeconds(3600).toString();
      List<dev.aisle.retrain.RetrainRun.Outcome> swapped = new ArrayList<>();
      for (String m : models) {
        swapped.add(new dev.aisle.retrain.RetrainRun.Outcome(m.substring(0, m.indexOf('=')),
            m.substring(m.indexOf('=') + 1), null, List.of(), until, 0, 20, 0, null, null, true,
            "test", 0));
      }
      dev.aisle.retrain.RetrainHistory.append(dev.aisle.retrain.RetrainHistory.of(log),
          new dev.aisle.retrain.RetrainRun(until, until, until, until, 0, 0, 0, 0, swapped, null));
      post(s, "/api/admin/reload", "{}");
      eventually(System.currentTimeMillis(), () -> assertThat(get(s, "/api/models")
          .get("models").get(0).get("freshness").get("sessionsHeld").asInt()).isZero());
      assertThat(get(s, "/api/products/LAUNCHED-2/related?model=cooc").get("fallback")
          .asBoolean()).isTrue();
    }
  }
}
