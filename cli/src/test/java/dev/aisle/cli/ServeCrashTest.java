package dev.aisle.cli;

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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code aisle serve} process killed with SIGKILL keeps its experiment counts. */
class ServeCrashTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SERVING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  private record Served(Process process, int port) {}

  private Served serve(Path pop, Path hybrid) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-cp", System.getProperty("java.class.path"),
        AisleCommand.class.getName(), "serve", "--model", "pop=" + pop, "--model",
        "hybrid=" + hybrid, "--port", "0", "--api-key", "k", "--experiment",
        "ab=pop:50,hybrid:50", "--experiment-log", dir.resolve("experiments").toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      seen.append(line).append('\n');
      Matcher m = SERVING.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return new Served(p, Integer.parseInt(m.group(1)));
      }
    }
    throw new AssertionError("aisle serve exited without serving:\n" + seen);
  }

  private JsonNode get(int port, String path) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + path)).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private void post(int port, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + port + "/api/events")).header("Content-Type", "application/json")
        .header("X-API-Key", "k").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private static Path train(Corpus corpus, Algorithm a, Path file) {
    Algorithm.Training t = a.prepare(Params.parse(List.of()));
    Recommender m = t.train(corpus, new TrainContext(1, 1, null, null));
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(corpus),
        corpus.eventCount()), file);
    return file;
  }

  @Test
  void counts_written_before_a_kill_are_there_after_the_restart() throws Exception {
    Corpus corpus = TestShops.shop(dir.resolve("shop"), 150, 400, 2);
    Path pop = train(corpus, Algorithm.POP, dir.resolve("pop.model"));
    Path cooc = train(corpus, Algorithm.COOC, dir.resolve("cooc.model"));
    Served first = serve(pop, cooc);
    JsonNode before;
    try {
      for (int v = 0; v < 12; v++) {
        JsonNode r = get(first.port(), "/api/products/" + corpus.products().id(v)
            + "/related?k=5&visitor=v" + v);
        String clicked = r.get("items").get(0).get("id").asText();
        post(first.port(), "{\"customer\":\"v" + v + "\",\"product\":\"" + clicked
            + "\",\"from\":\"" + r.get("recommendationId").asText() + "\"}");
      }
      before = get(first.port(), "/api/experiments/ab").get("variants");
    } finally {
      first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    long impressions = before.get(0).get("impressions").asLong()
        + before.get(1).get("impressions").asLong();
    assertThat(impressions).isEqualTo(12);
    Served second = serve(pop, cooc);
    try {
      assertThat(get(second.port(), "/api/experiments/ab").get("variants")).isEqualTo(before);
    } finally {
      second.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
