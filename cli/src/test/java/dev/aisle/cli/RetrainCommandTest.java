package dev.aisle.cli;

import static dev.aisle.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.aisle.retrain.RetrainHistory;
import dev.aisle.retrain.RetrainRun;
import dev.aisle.tune.TunedAlgorithm;
import dev.aisle.tune.TunedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code aisle retrain --algorithms} and {@code --config} on a generated shop whose 30 days of
 * browsing went through the event log.
 */
class RetrainCommandTest {
  @TempDir static Path shop;
  @TempDir Path dir;
  private static Corpus corpus;
  private Path log;
  private Path sknn;
  private Path pop;

  @BeforeAll
  static void generate() {
    corpus = TestShops.shop(shop, 300, 1200, 7);
  }

  @BeforeEach
  void serve() {
    log = dir.resolve("events");
    try (SegmentLog l = SegmentLog.open(EventLogOptions.of(log).withSegmentBytes(1 << 20))) {
      for (int s = 0; s < corpus.sessionCount(); s++) {
        List<Event> events = new ArrayList<>();
        String customer = corpus.customerId(corpus.sessionCustomer(s));
        for (int e = corpus.sessionStart(s); e < corpus.sessionEnd(s); e++) {
          events.add(Event.view(customer, corpus.products().id(corpus.item(e)), corpus.time(e)));
        }
        l.append(events);
      }
    }
    Corpus firstWeek = corpus.slice(0, corpus.sessionCount() / 4);
    sknn = train(Algorithm.SKNN, firstWeek, "sknn.model");
    pop = train(Algorithm.POP, firstWeek, "pop.model");
  }

  private Path train(Algorithm a, Corpus on, String file) {
    Algorithm.Training t = a.prepare(Params.none());
    Recommender m = t.train(on, new TrainContext(1, 1, null, null));
    Path f = dir.resolve(file);
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(on), on.eventCount()), f);
    return f;
  }

  /** A tuned.json as 'aisle tune' writes it, with these best settings per algorithm. */
  private Path tuned(Map<String, Map<String, String>> best) {
    Map<String, TunedAlgorithm> algorithms = new LinkedHashMap<>();
    best.forEach((a, b) -> algorithms.put(a, new TunedAlgorithm(b, 0.5, 0.2, false, false, List.of())));
    Path f = dir.resolve("tuned.json");
    new TunedConfig(TunedConfig.FORMAT, TunedConfig.VERSION,
        new TunedConfig.CorpusRef("0badc0de", 10, 100),
        new TunedConfig.Protocol("last sessions", 9, 1, 5, "hr", 20, 1, 1, 60, 5), algorithms)
        .write(f);
    return f;
  }

  private CommandLineTest.Run retrain(String... more) {
    List<String> args = new ArrayList<>(List.of("retrain", "--event-log", log.toString(),
        "--model", "s=" + sknn, "--model", "p=" + pop, "--max-drop", "1", "--threads", "1"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void a_retrain_with_config_trains_with_the_tuned_settings_and_records_the_file()
      throws Exception {
    Path config = tuned(Map.of("sknn", Map.of("k", "37", "sample", "400"),
        "item2vec", Map.of("dim", "16"))); // item2vec is not served: fine
    CommandLineTest.Run r = retrain("--algorithms", "sknn", "--config", config.toString(),
        "-p", "sknn:sample=300");
    assertThat(r.code()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("p (pop): left alone, not in --algorithms");

    RetrainRun run = RetrainHistory.read(RetrainHistory.of(log)).get(0);
    assertThat(run.models()).hasSize(1);
    RetrainRun.Outcome o = run.models().get(0);
    assertThat(o.swapped()).as(o.reason()).isTrue();
    assertThat(o.params()).containsExactly("k=37", "sample=300"); // -p over the tuned value
    assertThat(o.config()).isEqualTo(config.toString());
    assertThat(o.configChecksum()).matches("[0-9a-f]{8}");
    Map<String, Object> options = ModelFile.read(sknn).info().options();
    assertThat(options).containsEntry("neighbours", 37).containsEntry("sample", 300);
    assertThat(ModelFile.read(pop).info().corpusEvents())
        .isLessThan(corpus.eventCount()); // not retrained
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--algorithms|nope|unknown algorithm 'nope'",
      "--algorithms|sknn,svd|--algorithms svd: no served model has that algorithm",
      "--config|nope:k=3|tuned.json: algorithms.nope: unknown algorithm 'nope'",
      "--config|sknn:bogus=3|tuned.json: algorithms.sknn.best:",
      "--config|item2vec:dim=16|tuned.json has no settings for",
  })
  void bad_algorithms_or_config_stop_before_training_with_one_clear_line(String option,
      String value, String message) throws Exception {
    String arg = value;
    if (option.equals("--config")) {
      String[] p = value.split("[:=]");
      arg = tuned(Map.of(p[0], Map.of(p[1], p[2]))).toString();
    }
    byte[] before = Files.readAllBytes(sknn);
    CommandLineTest.Run r = retrain(option, arg);
    assertThat(r.code()).as(r.out()).isEqualTo(AisleCommand.BAD_INPUT);
    assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("aisle: error: ")
        .contains(message);
    assertThat(Files.exists(RetrainHistory.of(log))).isFalse();
    assertThat(Files.readAllBytes(sknn)).isEqualTo(before);
  }

  @Test
  @org.junit.jupiter.api.Timeout(60) // a missed check would start the server, not return
  void serve_refuses_a_bad_algorithm_name_or_config_before_it_starts() throws Exception {
    String[] base = {"serve", "--model", sknn.toString(), "--event-log", log.toString(),
        "--retrain-every", "6h", "--port", "0"};
    CommandLineTest.Run names = run(concat(base, "--algorithms", "nope"));
    assertThat(names.code()).isEqualTo(AisleCommand.BAD_INPUT);
    assertThat(names.err()).contains("unknown algorithm 'nope'");
    Path config = tuned(Map.of("sknn", Map.of("bogus", "1")));
    CommandLineTest.Run bad = run(concat(base, "--config", config.toString()));
    assertThat(bad.code()).isEqualTo(AisleCommand.BAD_INPUT);
    assertThat(bad.err()).contains("algorithms.sknn.best");
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
