package dev.aisle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.server.AisleServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aisle demo} on a small shop, prepared and then served in-process. */
class DemoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void prepares_shop_report_and_models_then_serves_them() throws Exception {
    CommandLineTest.Run r = CommandLineTest.run("demo", "--dir", dir.toString(), "--products",
        "150", "--customers", "500", "--seed", "3", "--no-serve");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("$ aisle generate").contains("$ aisle ingest")
        .contains("$ aisle evaluate").contains("$ aisle train").contains("$ aisle serve");
    for (String file : new String[] {"shop/catalog.csv", "shop.corpus", "evaluation.json",
        "report.html", "hybrid.model", "item2vec.model", "cooc.model", "sknn.model"}) {
      assertThat(dir.resolve(file)).as(file).isNotEmptyFile();
    }
    JsonNode evaluation = JSON.readTree(dir.resolve("evaluation.json").toFile());
    JsonNode results = evaluation.get("results");
    assertThat(results).hasSize(7);
    assertThat(results.get(6).get("model").asText()).isEqualTo("hybrid");
    assertThat(results.get(6).get("HR@20").asDouble()).isPositive();
    // learning curves for the models trained in epochs, one point per epoch
    for (JsonNode row : results) {
      String model = row.get("model").asText();
      if (model.equals("item2vec") || model.equals("glove")) {
        assertThat(row.get("curve").size()).as(model).isGreaterThan(1);
        assertThat(row.get("curve").get(0).get("epoch").asInt()).isEqualTo(1);
      }
    }

    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs("--dir", dir.toString());
    HttpClient http = HttpClient.newHttpClient();
    try (AisleServer server = AisleServer.start(demo.serverOptions(0))) {
      String base = "http://127.0.0.1:" + server.port();
      JsonNode models = JSON.readTree(get(http, base + "/api/models").body());
      assertThat(models.get("models")).hasSize(4);
      assertThat(models.get("default").asText()).isEqualTo("hybrid");
      assertThat(models.get("models").get(0).get("evaluation").get("model").asText())
          .isEqualTo("hybrid");
      assertThat(get(http, base + "/api/evaluation").body()).contains("\"HR@20\"");
      JsonNode map = JSON.readTree(get(http, base + "/api/models/item2vec/map").body());
      assertThat(map.get("points").size()).isEqualTo(map.get("products").asInt());
      HttpResponse<String> page = get(http, base + "/products/P000001");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<div id=\"app\"");
    }
  }

  @Test
  void an_unknown_algorithm_stops_the_demo_before_any_work() {
    CommandLineTest.Run r = CommandLineTest.run("demo", "--dir", dir.toString(), "--algorithms",
        "pop,nope", "--no-serve");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nope");
    assertThat(Files.exists(dir.resolve("shop"))).isFalse();
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
