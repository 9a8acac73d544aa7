package dev.aisle.cli;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aisle serve --retrain-every} as a real process: the scheduled retrain runs in a child
 * process, passes the gate, the server swaps the new models in, and every request made
 * meanwhile is answered.
 */
class RetrainUnderLoadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private Path stale(Corpus corpus, Algorithm a, String file, String... params) {
    Corpus firstWeek = corpus.slice(0, corpus.sessionCount() / 4);
    Algorithm.Training t = a.prepare(Params.parse(List.of(params)));
    Recommender m = t.train(firstWeek, new TrainContext(1, 1, null, null));
    Path f = dir.resolve(file);
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(firstWeek),
        firstWeek.eventCount()), f);
    return f;
  }

  private JsonNode get(int port, String path) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
        .body());
  }

  @Test
  void scheduled_retrains_swap_models_in_while_every_request_is_answered() throws Exception {
    Corpus corpus = TestShops.shop(dir.resolve("shop"), 300, 1200, 7);
    Path log = dir.resolve("events");
    long last = 0;
    try (SegmentLog l = SegmentLog.open(EventLogOptions.of(log))) {
      for (int s = 0; s < corpus.sessionCount(); s++) {
        List<Event> events = new ArrayList<>();
        for (int e = corpus.sessionStart(s); e < corpus.sessionEnd(s); e++) {
          events.add(Event.view(corpus.customerId(corpus.sessionCustomer(s)),
              corpus.products().id(corpus.item(e)), corpus.time(e)));
          last = Math.max(last, corpus.time(e));
        }
        l.append(events);
      }
    }
    Path cooc = stale(corpus, Algorithm.COOC, "cooc.model");
    Path i2v = stale(corpus, Algorithm.ITEM2VEC, "i2v.model", "epochs=3");
    String before = ModelFile.read(cooc).checksum();
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < 50; p++) {
      ids.add(corpus.products().id(p));
    }
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), List.of(),
        "--model", "cooc=" + cooc, "--model", "i2v=" + i2v, "--event-log", log.toString(),
        "--retrain-every", "3s", "--train-window", "60d", "--retrain-param",
        "item2vec:epochs=3")) {
      int port = server.port();
      AtomicBoolean stop = new AtomicBoolean();
      long lastTime = last;
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        int client = c;
        clients.add(pool.submit(() -> {
          for (int i = 0; !stop.get(); i++) {
            String p = ids.get((i * 7 + client) % ids.size());
            HttpRequest r = switch (i % 3) {
              case 0 -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                  + "/api/products/" + p + "/related?k=10&model=" + (i % 2 == 0 ? "cooc"
                      : "i2v"))).build();
              case 1 -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                  + "/api/recommendations")).header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"session\":[\"" + p + "\"],"
                      + "\"model\":\"i2v\"}")).build();
              default -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                  + "/api/events")).header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"load" + client
                      + "\",\"product\":\"" + p + "\",\"timestamp\":" + (lastTime + i) + "}"))
                  .build();
            };
            try {
              HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
              if (answer.statusCode() < 300) {
                ok.incrementAndGet();
              } else {
                failed.incrementAndGet();
                failures.add(answer.statusCode() + " " + answer.body());
              }
            } catch (java.io.IOException e) {
              failed.incrementAndGet();
              failures.add(e.toString());
            }
          }
          return null;
        }));
      }
      long start = System.currentTimeMillis();
      boolean swapped = false;
      while (!swapped && System.currentTimeMillis() - start < 240_000) {
        Thread.sleep(500);
        JsonNode models = get(port, "/api/models").get("models");
        swapped = !models.get(0).get("checksum").asText().equals(before)
            && get(port, "/api/retrains").get("runs").size() > 0;
      }
      Thread.sleep(1000); // and a little beyond the swap
      stop.set(true);
      for (Future<?> f : clients) {
        f.get();
      }
      assertThat(swapped).as("a retrain swapped cooc in within 4 minutes").isTrue();
      JsonNode retrains = get(port, "/api/retrains");
      assertThat(retrains.get("every").asText()).isEqualTo("PT3S");
      JsonNode run = retrains.get("runs").get(retrains.get("runs").size() - 1);
      assertThat(run.get("models")).hasSize(2);
      JsonNode coocRun = run.get("models").get(0);
      assertThat(coocRun.get("name").asText()).isEqualTo("cooc");
      assertThat(coocRun.get("swapped").asBoolean()).as(coocRun.toString()).isTrue();
      assertThat(coocRun.get("candidate").get("hr").asDouble())
          .isGreaterThan(coocRun.get("serving").get("hr").asDouble());
      assertThat(run.get("models").get(1).get("params").get(0).asText()).isEqualTo("epochs=3");
    } finally {
      pool.shutdownNow();
    }
    assertThat(ok.get()).isGreaterThan(100);
    assertThat(failed.get()).as(String.join("\n", failures.subList(0,
        Math.min(5, failures.size())))).isZero();
  }
}
