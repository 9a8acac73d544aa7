package dev.aisle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.events.Event;
import dev.aisle.events.SegmentRecovery;
import dev.aisle.events.Segments;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@code aisle serve --event-log} process, killed with SIGKILL while clients post events:
 * every acknowledged event must be in the log exactly once after the restart.
 */
class EventLogCrashTest {
  private static final int CLIENTS = 8;
  @TempDir static Path shared;
  @TempDir Path dir;
  private static Path model;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void train() {
    Corpus corpus = TestShops.shop(shared.resolve("shop"), 100, 300, 2);
    Algorithm.Training t = Algorithm.POP.prepare(Params.parse(List.of()));
    Recommender m = t.train(corpus, new TrainContext(1, 1, null, null));
    model = shared.resolve("pop.model");
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(corpus),
        corpus.eventCount()), model);
  }

  /** What the clients sent: each event's product id is unique, and whether it was acknowledged. */
  private static final class Ledger {
    final Set<String> acked = ConcurrentHashMap.newKeySet();
    final Set<String> sent = ConcurrentHashMap.newKeySet();
    final AtomicInteger refused = new AtomicInteger();
    final Map<Integer, String> lastError = new ConcurrentHashMap<>();
  }

  /** Posts batches of 1 to 20 unique events from each client until {@code stop}. */
  private List<Future<?>> post(ExecutorService pool, int port, String round, Ledger ledger,
      AtomicBoolean stop) {
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      clients.add(pool.submit(() -> {
        java.util.Random random = new java.util.Random(client);
        for (int seq = 0; !stop.get(); ) {
          int n = 1 + random.nextInt(20);
          List<String> ids = new ArrayList<>();
          StringBuilder body = new StringBuilder("[");
          for (int i = 0; i < n; i++, seq++) {
            String id = round + "-" + client + "-" + seq;
            ids.add(id);
            body.append(i == 0 ? "" : ",").append("{\"customer\":\"k").append(client)
                .append("\",\"product\":\"").append(id).append("\"}");
          }
          ledger.sent.addAll(ids);
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/events"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 202) {
              ledger.acked.addAll(ids);
            } else {
              ledger.refused.incrementAndGet();
              ledger.lastError.put(r.statusCode(), r.body());
            }
          } catch (java.io.IOException e) {
            return null; // the server is gone
          }
        }
        return null;
      }));
    }
    return clients;
  }

  /** Every product id in the log's segments with how often it is there; asserts no torn tail. */
  private static Map<String, Integer> logged(Path log) throws Exception {
    Map<String, Integer> count = new HashMap<>();
    for (Path s : Segments.list(log)) {
      try (FileChannel ch = FileChannel.open(s, StandardOpenOption.READ)) {
        SegmentRecovery r = SegmentRecovery.scan(ch, (Event e) -> count.merge(e.product(), 1,
            Integer::sum));
        assertThat(r.tornBytes()).as("a torn tail left in " + s).isZero();
        assertThat(r.damagedLines()).isZero();
      }
    }
    return count;
  }

  @ParameterizedTest
  @ValueSource(strings = {"always", "interval"})
  void every_acknowledged_event_survives_sigkill_exactly_once(String fsync) throws Exception {
    Path log = dir.resolve("events");
    Ledger ledger = new Ledger();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      for (int round = 0; round < 3; round++) {
        try (ServerProcess server = ServerProcess.start(dir.resolve("server-" + round + ".log"),
            List.of(), "--model", model.toString(), "--event-log", log.toString(), "--fsync",
            fsync, "--segment-age", "500ms")) {
          AtomicBoolean stop = new AtomicBoolean();
          List<Future<?>> clients = post(pool, server.port(), "r" + round, ledger, stop);
          long until = System.currentTimeMillis() + 1500 + 300 * round;
          while (System.currentTimeMillis() < until) {
            Thread.sleep(20);
          }
          server.kill(); // while the clients are posting
          stop.set(true);
          for (Future<?> f : clients) {
            f.get();
          }
        }
      }
      // the restart recovers: a torn tail is cut off before serving
      try (ServerProcess server = ServerProcess.start(dir.resolve("server-last.log"), List.of(),
          "--model", model.toString(), "--event-log", log.toString())) {
        assertThat(server.port()).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Integer> logged = logged(log);
    assertThat(ledger.acked).hasSizeGreaterThan(500);
    assertThat(ledger.refused.get()).as(ledger.lastError.toString()).isZero();
    for (String id : ledger.acked) {
      assertThat(logged.get(id)).as("acknowledged event " + id).isEqualTo(1);
    }
    // events written but not yet acknowledged when the kill came may be there, but once
    assertThat(logged.values()).allMatch(n -> n == 1);
    assertThat(ledger.sent).containsAll(logged.keySet());
    assertThat(Segments.list(log)).hasSizeGreaterThan(2); // segments rotated every 500 ms
  }

  @Test
  void a_full_disk_is_a_503_and_no_acknowledged_event_is_missing() throws Exception {
    assumeThat(Files.isExecutable(Path.of("/usr/bin/prlimit")))
        .as("prlimit (util-linux) limits the file size the server may write").isTrue();
    Path log = dir.resolve("events");
    Ledger ledger = new Ledger();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    // no file of the process may grow past 256 KiB: the first segment fills up like a disk
    try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"),
        List.of("/usr/bin/prlimit", "--fsize=262144"), "--model", model.toString(),
        "--event-log", log.toString())) {
      AtomicBoolean stop = new AtomicBoolean();
      List<Future<?>> clients = post(pool, server.port(), "full", ledger, stop);
      long until = System.currentTimeMillis() + 30_000;
      while (ledger.refused.get() < 20 && System.currentTimeMillis() < until) {
        Thread.sleep(20);
      }
      stop.set(true);
      for (Future<?> f : clients) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ledger.refused.get()).isGreaterThanOrEqualTo(20);
    assertThat(ledger.lastError).containsOnlyKeys(503);
    assertThat(ledger.lastError.get(503)).contains("cannot store events").contains("File too large");
    Map<String, Integer> logged = logged(log);
    assertThat(ledger.acked).isNotEmpty();
    for (String id : ledger.acked) {
      assertThat(logged.get(id)).as("acknowledged event " + id).isEqualTo(1);
    }
    // refused batches were rolled back: only acknowledged events are in the log
    assertThat(logged.keySet()).isEqualTo(ledger.acked);
  }
}
