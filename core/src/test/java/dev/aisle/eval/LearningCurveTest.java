package dev.aisle.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.model.Params;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.report.HtmlReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Learning curves and early stopping in {@link Comparison}, on a generated shop. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LearningCurveTest {
  @TempDir static Path dir;
  private Corpus train;
  private TestSessions test;

  @BeforeAll
  void shop() {
    TimeSplit split = TimeSplit.lastDays(TestShops.shop(dir.resolve("shop"), 300, 1000, 9), 7);
    train = split.train();
    test = TestSessions.of(train.products(), split.test());
  }

  private Map<String, Comparison.Row> run(Comparison.Options options, Map<Algorithm, Params> p,
      Algorithm... algorithms) {
    return Comparison.run(train, test, List.of(algorithms), p, new int[] {5, 20}, 42, 2, options,
        null).rows().stream().collect(Collectors.toMap(Comparison.Row::model, r -> r));
  }

  @Test
  void iterative_models_get_one_point_per_epoch_and_the_last_is_the_tables_figure() {
    Map<String, Comparison.Row> rows = run(new Comparison.Options(true, false, 2, 0.1),
        Map.of(Algorithm.GLOVE, Params.parse(List.of("epochs=4")), Algorithm.ITEM2VEC,
            Params.parse(List.of("epochs=3")), Algorithm.DENSE, Params.parse(List.of(
                "epochs=2"))), Algorithm.POP, Algorithm.GLOVE, Algorithm.ITEM2VEC, Algorithm.SVD,
        Algorithm.DENSE);
    assertThat(rows.get("pop").curve()).isEmpty();
    assertThat(rows.get("svd").curve()).isEmpty();
    assertThat(rows.get("glove").curve()).extracting(Comparison.CurvePoint::epoch)
        .containsExactly(1, 2, 3, 4);
    assertThat(rows.get("item2vec").curve()).hasSize(3);
    assertThat(rows.get("dense").curve()).hasSize(2);
    for (String m : List.of("glove", "item2vec")) {
      Comparison.Row r = rows.get(m);
      Comparison.CurvePoint last = r.curve().get(r.curve().size() - 1);
      // the same model and the same ranks; the sums only add in another order
      assertThat(last.hr()).as(m).isCloseTo(r.metrics().get("HR@20"), within(1e-12));
      assertThat(last.mrr()).as(m).isCloseTo(r.metrics().get("MRR@20"), within(1e-12));
    }
    // the dense network answers a batch with one matrix multiply: the same up to rounding
    Comparison.Row dense = rows.get("dense");
    assertThat(dense.curve().get(1).hr()).isCloseTo(dense.metrics().get("HR@20"), within(0.005));
    Map<String, Object> json = rows.get("glove").toMap();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> curve = (List<Map<String, Object>>) json.get("curve");
    assertThat(curve.get(0)).containsOnlyKeys("epoch", "hr", "mrr");
    assertThat(rows.get("glove").earlyStop()).isNull();
  }

  @Test
  void early_stopping_stops_after_patience_epochs_without_progress_and_keeps_the_best() {
    // GloVe overfits sparse session counts within a few passes: 40 epochs never run out
    Map<String, Comparison.Row> rows = run(new Comparison.Options(false, true, 2, 0.2),
        Map.of(Algorithm.GLOVE, Params.parse(List.of("epochs=40"))), Algorithm.POP,
        Algorithm.GLOVE);
    Comparison.EarlyStop e = rows.get("glove").earlyStop();
    assertThat(e.epochsRun()).isLessThan(40).isEqualTo(e.bestEpoch() + 2);
    assertThat(e.validation()).hasSize(e.epochsRun());
    double best = e.validation().get(e.bestEpoch() - 1).hr();
    assertThat(e.validation()).allSatisfy(p -> assertThat(p.hr()).isLessThanOrEqualTo(best));
    assertThat(e.validationSessions()).isEqualTo(train.sessionCount()
        - Math.round(train.sessionCount() * 0.8));
    assertThat(rows.get("glove").curve()).isNull();
    assertThat(rows.get("pop").earlyStop()).as("pop has no epochs").isNull();
    assertThat(rows.get("pop").info().corpusEvents()).isEqualTo(train.eventCount());
    assertThat(rows.get("glove").info().corpusEvents()).isLessThan(train.eventCount());
    String html = HtmlReport.render(Map.of("k", new int[] {5, 20}), List.copyOf(rows.values()),
        new int[] {5, 20});
    assertThat(html).contains("Learning curves").contains("stroke-dasharray")
        .contains("against model size");
  }

  @Test
  void a_bad_patience_or_fraction_is_refused_with_the_value() {
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> new Comparison.Options(false, true, 0, 0.1))).hasMessageContaining("was 0");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> new Comparison.Options(false, true, 2, 0.9))).hasMessageContaining("was 0.9");
  }
}
