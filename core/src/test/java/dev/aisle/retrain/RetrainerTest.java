package dev.aisle.retrain;

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
import dev.aisle.session.CleaningOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retrains on a generated shop whose 30 days of browsing went through the event log. */
class RetrainerTest {
  @TempDir static Path shop;
  @TempDir Path dir;
  private static Corpus corpus;

  @BeforeAll
  static void generate() {
    corpus = TestShops.shop(shop, 300, 1200, 7);
  }

  /** The shop's events written through the server's event log. */
  private static Path eventLog(Path dir) {
    Path log = dir.resolve("events");
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
    return log;
  }

  private Path train(Algorithm a, Corpus on, String file) {
    Algorithm.Training t = a.prepare(Params.none());
    Recommender m = t.train(on, new TrainContext(1, 1, null, null));
    Path f = dir.resolve(file);
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(on), on.eventCount()), f);
    return f;
  }

  private static RetrainOptions options(Path log, double maxDrop) {
    return new RetrainOptions(log, null, null, Duration.ofDays(30), 1, 20, maxDrop,
        Duration.ofMinutes(30), CleaningOptions.DEFAULTS, 1, 1);
  }

  @Test
  void a_candidate_that_beats_a_stale_model_replaces_it_and_the_next_run_tests_on_new_data_only()
      throws Exception {
    Path log = eventLog(dir);
    // served: co-occurrence from the first week only
    Path model = train(Algorithm.COOC, corpus.slice(0, corpus.sessionCount() / 4), "cooc.model");
    String before = ModelFile.read(model).checksum();
    RetrainRun run = Retrainer.run(options(log, 0.01), List.of(new Retrainer.Target("cooc", model,
        List.of(), null)), dir, line -> { });
    assertThat(run.error()).isNull();
    assertThat(run.events()).isEqualTo(corpus.eventCount());
    RetrainRun.Outcome o = run.models().get(0);
    assertThat(o.swapped()).as(o.reason()).isTrue();
    assertThat(o.candidate().hr()).isGreaterThan(o.serving().hr());
    assertThat(o.predictions()).isPositive();
    assertThat(ModelFile.read(model).checksum()).isNotEqualTo(before);
    assertThat(ModelFile.read(model).info().corpusEvents()).isEqualTo(corpus.eventCount());

    Path history = RetrainHistory.of(log);
    RetrainHistory.append(history, run);
    Long until = RetrainHistory.trainedUntil(RetrainHistory.read(history), model);
    assertThat(until).isEqualTo(java.time.Instant.parse(run.windowTo()).toEpochMilli());
    // nothing new since: there is nothing fair to test the swapped-in model on
    RetrainRun again = Retrainer.run(options(log, 0.01), List.of(new Retrainer.Target("cooc",
        model, List.of(), until)), dir, line -> { });
    assertThat(again.models().get(0).swapped()).isFalse();
    assertThat(again.models().get(0).reason()).contains("no sessions since the serving model");
  }

  @Test
  void a_candidate_worse_than_the_serving_model_is_not_swapped_in_and_says_why() throws Exception {
    Path log = eventLog(dir);
    // served: session-kNN holding every session, the test day's too: it recalls them
    Path model = train(Algorithm.SKNN, corpus, "sknn.model");
    byte[] before = Files.readAllBytes(model);
    RetrainRun run = Retrainer.run(options(log, 0.0), List.of(new Retrainer.Target("sknn", model,
        List.of("cooc:window=3", "sknn:k=50"), null)), dir, line -> { });
    RetrainRun.Outcome o = run.models().get(0);
    assertThat(o.swapped()).isFalse();
    assertThat(o.params()).containsExactly("k=50");
    assertThat(o.candidate().hr()).isLessThan(o.serving().hr());
    assertThat(o.reason()).contains("worse by more than the allowed 0.0");
    assertThat(Files.readAllBytes(model)).isEqualTo(before);
  }

  @Test
  void an_empty_log_is_a_recorded_error_not_an_exception() {
    RetrainRun run = Retrainer.run(options(dir.resolve("none"), 0.01), List.of(), dir,
        line -> { });
    assertThat(run.error()).contains("nothing to train on");
    RetrainHistory.append(dir.resolve("h.json"), run);
    assertThat(RetrainHistory.read(dir.resolve("h.json"))).containsExactly(run);
  }

  @Test
  void a_line_whose_checksum_fails_is_left_out_of_the_corpus_and_counted() throws Exception {
    Path log = eventLog(dir);
    Path segment = dev.aisle.events.Segments.list(log).get(0);
    byte[] b = Files.readAllBytes(segment);
    int line = dev.aisle.events.EventLine.HEADER_BYTES.length + 3; // in the first event's line
    b[line] = (byte) (b[line] == 'x' ? 'y' : 'x');
    Files.write(segment, b);
    Path model = train(Algorithm.POP, corpus, "pop.model");
    RetrainRun run = Retrainer.run(options(log, 0.01), List.of(new Retrainer.Target("pop", model,
        List.of(), null)), dir, line2 -> { });
    assertThat(run.damagedLines()).isEqualTo(1);
    assertThat(run.events()).isLessThan(corpus.eventCount());
  }
}
