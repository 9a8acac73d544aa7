package dev.aisle.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.events.Event;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aisle serve --event-log}: events stored before the answer, sessions kept on restart. */
class EventLogServeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  @TempDir Path dir;
  private static Corpus corpus;
  private static Path model;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void train() {
    corpus = TestShops.shop(shared.resolve("shop"), 200, 600, 5);
    Algorithm.Training t = Algorithm.COOC.prepare(Params.parse(List.of()));
    Recommender m = t.train(corpus, new TrainContext(1, 1, null, null));
    model = shared.resolve("cooc.model");
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(corpus),
        corpus.eventCount()), model);
  }

  private AisleServer start(Path log) {
    return AisleServer.start(ServerOptions.builder(List.of(model.toString())).port(0).build(),
        Map.of(), new Learning(SegmentLog.open(EventLogOptions.of(log)), null, null));
  }

  private HttpResponse<String> post(AisleServer s, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
        + "/api/events")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(AisleServer s, String path) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + s.port() + path)).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static List<Event> logged(Path log) {
    List<Event> out = new ArrayList<>();
    try (SegmentLog l = SegmentLog.open(EventLogOptions.of(log))) {
      l.replay(0, out::add);
    }
    return out;
  }

  @Test
  void accepted_events_are_in_the_log_with_their_types() throws Exception {
    long now = System.currentTimeMillis();
    String a = corpus.products().id(0);
    String b = corpus.products().id(1);
    try (AisleServer s = start(dir)) {
      assertThat(post(s, "[{\"customer\":\"alice\",\"product\":\"" + a + "\",\"timestamp\":"
          + now + "},{\"customer\":\"alice\",\"product\":\"" + b + "\",\"event\":\"addtocart\","
          + "\"timestamp\":" + (now + 1) + "}]").statusCode()).isEqualTo(202);
      assertThat(post(s, "{\"customer\":\"bob\",\"product\":\"" + a + "\",\"event\":\"buy\"}")
          .statusCode()).isEqualTo(202);
    }
    assertThat(logged(dir)).extracting(Event::customer, Event::product, Event::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", a, "view"),
            org.assertj.core.groups.Tuple.tuple("alice", b, "cart"),
            org.assertj.core.groups.Tuple.tuple("bob", a, "purchase"));
  }

  @Test
  void a_restart_keeps_the_live_sessions() throws Exception {
    String a = corpus.products().id(3);
    String b = corpus.products().id(4);
    try (AisleServer s = start(dir)) {
      post(s, "[{\"customer\":\"carol\",\"product\":\"" + a + "\"},{\"customer\":\"carol\","
          + "\"product\":\"" + b + "\"}]");
    }
    try (AisleServer s = start(dir)) {
      JsonNode r = get(s, "/api/customers/carol/recommendations?k=5");
      assertThat(r.get("session")).extracting(JsonNode::asText).containsExactly(a, b);
    }
  }

  @Test
  void unknown_event_types_and_line_breaks_in_ids_are_refused_with_the_field() throws Exception {
    try (AisleServer s = start(dir)) {
      HttpResponse<String> r = post(s, "[{\"customer\":\"a\",\"product\":\"b\"},"
          + "{\"customer\":\"a\",\"product\":\"b\",\"event\":\"wishlist\"}]");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("[1].event");
      r = post(s, "{\"customer\":\"a\",\"product\":\"b\\nc\"}");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("product");
    }
    assertThat(logged(dir)).isEmpty();
  }

  @Test
  void an_unwritable_log_directory_is_a_503_that_says_why_and_acknowledges_nothing()
      throws Exception {
    Path file = dir.resolve("not-a-directory");
    Files.writeString(file, "x");
    try (AisleServer s = start(file.resolve("events"))) {
      HttpResponse<String> r = post(s, "{\"customer\":\"dave\",\"product\":\"P1\"}");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("error").asText()).contains(file.resolve("events").toString())
          .contains("nothing was acknowledged");
      // and the refused event did not reach the live session either
      assertThat(get(s, "/api/customers/dave/recommendations").get("session")).isEmpty();
    }
  }

  @Test
  void retrains_are_listed_newest_first_from_the_history() throws Exception {
    Path history = dir.resolve("retrains.json");
    for (String at : List.of("2026-12-01T00:00:00Z", "2026-12-01T06:00:00Z")) {
      dev.aisle.retrain.RetrainHistory.append(history, new dev.aisle.retrain.RetrainRun(at, at,
          null, null, 0, 0, 0, 0, List.of(), "nothing to train on"));
    }
    try (AisleServer s = AisleServer.start(ServerOptions.builder(List.of(model.toString()))
        .port(0).build(), Map.of(), new Learning(SegmentLog.open(EventLogOptions.of(dir.resolve(
        "events"))), history, java.time.Duration.ofHours(6)))) {
      JsonNode r = get(s, "/api/retrains");
      assertThat(r.get("every").asText()).isEqualTo("PT6H");
      assertThat(r.get("runs")).extracting(n -> n.get("startedAt").asText())
          .containsExactly("2026-12-01T06:00:00Z", "2026-12-01T00:00:00Z");
    }
    try (AisleServer s = start(dir.resolve("other"))) {
      JsonNode r = get(s, "/api/retrains");
      assertThat(r.get("history").isNull()).isTrue();
      assertThat(r.get("note").asText()).contains("--event-log DIR");
    }
  }
}
