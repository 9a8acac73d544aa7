package dev.aisle.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.events.Event;
import dev.aisle.events.EventLogUnavailableException;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.server.AisleServer;
import dev.aisle.server.Learning;
import dev.aisle.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The event log on a real Kafka broker (KRaft, in-process), shared by two servers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaEventLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = 1_764_000_000_000L;
  @TempDir Path dir;
  private KafkaClusterTestKit cluster;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startBroker() throws Exception {
    cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
        .setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @AfterAll
  void stopBroker() throws Exception {
    cluster.close();
  }

  private String uri(String topic) {
    return "kafka://" + cluster.bootstrapServers() + "/" + topic;
  }

  private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
    long start = System.currentTimeMillis();
    while (!done.getAsBoolean() && System.currentTimeMillis() - start < 30_000) {
      Thread.sleep(50);
    }
  }

  @Test
  void each_server_follows_the_events_the_others_stored_and_a_new_one_replays_them_once()
      throws Exception {
    List<Event> seenByB = Collections.synchronizedList(new ArrayList<>());
    List<Event> seenByA = Collections.synchronizedList(new ArrayList<>());
    List<Event> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      sent.add(new Event("c" + i % 17, "P" + i, T0 + i, i % 10 == 0 ? "cart" : "view"));
    }
    try (KafkaEventLog a = KafkaEventLog.open(uri("events-1"));
        KafkaEventLog b = KafkaEventLog.open(uri("events-1"))) {
      a.follow(seenByA::add);
      b.follow(seenByB::add);
      for (int i = 0; i < sent.size(); i += 30) {
        a.append(sent.subList(i, i + 30));
      }
      await(() -> seenByB.size() >= sent.size());
      assertThat(seenByB).containsExactlyInAnyOrderElementsOf(sent);
      assertThat(seenByA).isEmpty(); // its own events are in its sessions already
      // one customer's events keep their order: they share a partition
      assertThat(seenByB.stream().filter(e -> e.customer().equals("c3")).map(Event::millis)
          .toList()).isSorted();
    }
    List<Event> replayed = new ArrayList<>();
    try (KafkaEventLog c = KafkaEventLog.open(uri("events-1"))) {
      c.replay(0, replayed::add);
    }
    assertThat(replayed).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void a_session_posted_to_one_server_is_the_live_session_on_the_other() throws Exception {
    Corpus corpus = TestShops.shop(dir.resolve("shop"), 100, 300, 3);
    Algorithm.Training t = Algorithm.COOC.prepare(Params.none());
    Recommender m = t.train(corpus, new TrainContext(1, 1, null, null));
    Path model = dir.resolve("cooc.model");
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(corpus),
        corpus.eventCount()), model);
    ServerOptions o = ServerOptions.builder(List.of(model.toString())).port(0).build();
    String a = corpus.products().id(1);
    String b = corpus.products().id(2);
    try (AisleServer one = AisleServer.start(o, Map.of(), new Learning(
            KafkaEventLog.open(uri("events-2")), null, null));
        AisleServer two = AisleServer.start(o, Map.of(), new Learning(
            KafkaEventLog.open(uri("events-2")), null, null))) {
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + one.port() + "/api/events")).header("Content-Type",
          "application/json").POST(HttpRequest.BodyPublishers.ofString("[{\"customer\":\"ann\","
          + "\"product\":\"" + a + "\"},{\"customer\":\"ann\",\"product\":\"" + b + "\"}]"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).isEqualTo(202);
      List<String> session = new ArrayList<>();
      long start = System.currentTimeMillis();
      while (session.size() < 2 && System.currentTimeMillis() - start < 30_000) {
        Thread.sleep(100);
        session.clear();
        JsonNode r = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + two.port() + "/api/customers/ann/recommendations")).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        r.get("session").forEach(x -> session.add(x.asText()));
      }
      assertThat(session).containsExactly(a, b);
    }
  }

  @Test
  void without_a_broker_an_append_is_refused_with_the_reason() throws Exception {
    KafkaClusterTestKit lone = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
    lone.format();
    lone.startup();
    lone.waitForReadyBrokers();
    String uri = "kafka://" + lone.bootstrapServers() + "/events-3";
    try (KafkaEventLog log = KafkaEventLog.open(uri)) {
      log.append(List.of(Event.view("c", "P", T0)));
      lone.close();
      EventLogUnavailableException e = assertThrows(EventLogUnavailableException.class,
          () -> log.append(List.of(Event.view("c", "P2", T0))));
      assertThat(e.getMessage()).contains(uri).contains("nothing was acknowledged");
    }
  }

  @Test
  void the_topic_exports_to_a_file_ingest_and_the_retrain_read() throws Exception {
    Corpus corpus = TestShops.shop(dir.resolve("shop"), 100, 300, 4);
    try (KafkaEventLog log = KafkaEventLog.open(uri("events-4"))) {
      for (int s = 0; s < corpus.sessionCount(); s++) {
        List<Event> events = new ArrayList<>();
        for (int e = corpus.sessionStart(s); e < corpus.sessionEnd(s); e++) {
          events.add(Event.view(corpus.customerId(corpus.sessionCustomer(s)),
              corpus.products().id(corpus.item(e)), corpus.time(e)));
        }
        log.append(events);
      }
    }
    Path segments = java.nio.file.Files.createDirectories(dir.resolve("topic"));
    long n = TopicExport.write(uri("events-4"), 0, dev.aisle.events.Segments.path(segments, 1));
    assertThat(n).isEqualTo(corpus.eventCount());
    Corpus read = dev.aisle.retrain.RetrainCorpus.build(new dev.aisle.retrain.RetrainOptions(
        segments, null, null, java.time.Duration.ofDays(60), 1, 20, 0.01,
        java.time.Duration.ofMinutes(30), dev.aisle.session.CleaningOptions.DEFAULTS, 1, 1), dir)
        .corpus();
    assertThat(read.eventCount()).isEqualTo(corpus.eventCount());
    assertThat(read.sessionCount()).isEqualTo(corpus.sessionCount());
  }
}
