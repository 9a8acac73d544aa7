package dev.aisle.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learned ranker served over HTTP answers what its evaluation path ranks: the server asks its
 * sparse candidate models by the products a session touches and its embedding models through the
 * neighbour lists saved in its file, which changes the cost, not the answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RankServingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private Corpus corpus;
  private Recommender rank;
  private AisleServer server;

  @BeforeAll
  void start() {
    corpus = TestShops.shop(dir.resolve("shop"), 600, 2000, 4);
    Algorithm.Training t = Algorithm.RANK.prepare(Params.parse(List.of("candidates=30",
        "max-queries=1500", "item2vec.epochs=3")));
    Recommender m = t.train(corpus, new TrainContext(1, 2, null, null));
    Path file = dir.resolve("rank.model");
    ModelFile.write(m, ModelFile.info(m, t, 1, 2, CorpusFile.checksum(corpus),
        corpus.eventCount()), file);
    rank = ModelFile.read(file).model();
    server = AisleServer.start(ServerOptions.builder(List.of("rank=" + file))
        .catalog(dir.resolve("shop/catalog.csv")).port(0).build());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void served_session_answers_are_the_evaluation_paths_order_for_real_sessions()
      throws Exception {
    int checked = 0;
    for (int s = corpus.sessionCount() - 1; s >= 0 && checked < 60; s--) {
      int[] items = corpus.sessionItems(s);
      if (items.length < 2) {
        continue;
      }
      int[] session = Arrays.copyOf(items, Math.min(items.length - 1, 6));
      float[] scores = new float[corpus.products().size()];
      rank.scoreNext(session, scores);
      List<ScoredItem> expected = TopK.select(scores, 20, null);
      List<String> ids = Arrays.stream(session).mapToObj(corpus.products()::id).toList();
      HttpResponse<String> r = post("/api/recommendations",
          JSON.writeValueAsString(Map.of("session", ids, "k", 20)));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode answer = JSON.readTree(r.body());
      assertThat(answer.get("model").asText()).isEqualTo("rank");
      assertThat(served(answer)).as("session %s", ids).isEqualTo(expected.stream()
          .map(i -> corpus.products().id(i.product())).toList());
      checked++;
    }
    assertThat(checked).isEqualTo(60);
  }

  @Test
  void served_related_products_are_the_evaluation_paths_order() throws Exception {
    for (int p : IntStream.range(0, 40).map(i -> i * 13).toArray()) {
      float[] scores = new float[corpus.products().size()];
      rank.scoreRelated(p, scores);
      List<ScoredItem> expected = TopK.select(scores, 10, null);
      String id = corpus.products().id(p);
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/products/" + id
          + "/related?k=10")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(served(JSON.readTree(r.body()))).as(id).isEqualTo(expected.stream()
          .map(i -> corpus.products().id(i.product())).toList());
    }
  }

  private static List<String> served(JsonNode answer) {
    List<String> out = new ArrayList<>();
    answer.get("items").forEach(i -> out.add(i.get("id").asText()));
    return out;
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
