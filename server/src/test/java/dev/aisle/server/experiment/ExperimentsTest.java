package dev.aisle.server.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.server.experiment.Experiments.Outcome;
import dev.aisle.server.experiment.Experiments.Skip;
import dev.aisle.events.Event;
import dev.aisle.server.request.PostedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crediting clicks, carts and purchases, and the durable log, without a server. */
class ExperimentsTest {
  private static final long T0 = 1_767_600_000_000L;
  private static final Duration GAP = Duration.ofMinutes(30);
  private static final List<String> MODELS = List.of("pop", "hybrid");
  private static final ExperimentSpec AB = ExperimentSpec.parse("ab=pop:50,hybrid:50");

  @TempDir Path dir;

  private static Experiments open(Path logDir) {
    return Experiments.open(List.of(AB), logDir, GAP, MODELS);
  }

  /** Event types by the names the tests use. */
  private enum Type {
    VIEW, CART, PURCHASE
  }

  private static PostedEvent event(String visitor, String product, long t, Type type,
      String from) {
    return new PostedEvent(new Event(visitor, product, t, type.name().toLowerCase(
        java.util.Locale.ROOT)), from);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> variant(Experiments ex, int arm) {
    Map<String, Object> e = (Map<String, Object>) ((List<Object>) ex.report().get("experiments"))
        .get(0);
    return (Map<String, Object>) ((List<Object>) e.get("variants")).get(arm);
  }

  @Test
  void a_click_then_cart_and_purchase_in_the_session_are_credited_to_the_arm() {
    try (Experiments ex = open(null)) {
      int arm = AB.assign("v1");
      String id = ex.impression(AB, arm, "v1", List.of("P1", "P2", "P3"), T0);
      assertThat(ex.record(event("v1", "P2", T0 + 1000, Type.VIEW, id)).outcome())
          .isEqualTo(Outcome.CLICK);
      assertThat(ex.record(event("v1", "P9", T0 + 2000, Type.VIEW, null)).outcome())
          .isEqualTo(Outcome.NONE);
      assertThat(ex.record(event("v1", "P2", T0 + 3000, Type.CART, null)).outcome())
          .isEqualTo(Outcome.CART);
      assertThat(ex.record(event("v1", "P2", T0 + 4000, Type.PURCHASE, null)).outcome())
          .isEqualTo(Outcome.PURCHASE);
      Map<String, Object> v = variant(ex, arm);
      assertThat(v).containsEntry("impressions", 1L).containsEntry("clicks", 1L)
          .containsEntry("carts", 1L).containsEntry("purchases", 1L).containsEntry("visitors", 1L);
      assertThat(variant(ex, 1 - arm)).containsEntry("impressions", 0L);
    }
  }

  @Test
  void events_that_cannot_be_credited_are_counted_by_reason() {
    try (Experiments ex = open(null)) {
      String id = ex.impression(AB, AB.assign("v1"), "v1", List.of("P1", "P2"), T0);
      assertThat(ex.record(event("v1", "P1", T0, Type.VIEW, "never-issued")).skip())
          .isEqualTo(Skip.UNKNOWN_FROM);
      assertThat(ex.record(event("v1", "P7", T0, Type.VIEW, id)).skip())
          .isEqualTo(Skip.NOT_IN_LIST);
      assertThat(ex.record(event("v2", "P1", T0, Type.VIEW, id)).skip())
          .isEqualTo(Skip.OTHER_VISITOR);
      assertThat(ex.record(event("v1", "P1", T0, Type.VIEW, id)).outcome())
          .isEqualTo(Outcome.CLICK);
      assertThat(ex.record(event("v1", "P1", T0, Type.VIEW, id)).skip())
          .isEqualTo(Skip.REPEATED_CLICK);
      assertThat(ex.record(event("v1", "P2", T0, Type.PURCHASE, null)).skip())
          .isEqualTo(Skip.PURCHASE_WITHOUT_CLICK);
      assertThat(ex.record(event("v3", "P2", T0, Type.CART, null)).skip())
          .isEqualTo(Skip.CART_WITHOUT_CLICK);
      assertThat(ex.skipped(Skip.UNKNOWN_FROM)).isEqualTo(1);
      assertThat(variant(ex, AB.assign("v1"))).containsEntry("clicks", 1L)
          .containsEntry("purchases", 0L);
      assertThat(ex.record(event("v1", "P1", T0, Type.VIEW, ex.untrackedId())).skip())
          .isEqualTo(Skip.OUTSIDE);
      assertThat(ex.report().get("skipped")).isEqualTo(Map.of("unknownFrom", 1L,
          "outsideExperiment", 1L,
          "notInList", 1L, "otherVisitor", 1L, "repeatedClick", 1L, "experimentEnded", 0L,
          "cartWithoutClick", 1L, "purchaseWithoutClick", 1L));
    }
  }

  @Test
  void a_purchase_after_the_session_ended_is_not_a_conversion() {
    try (Experiments ex = open(null)) {
      String id = ex.impression(AB, AB.assign("v1"), "v1", List.of("P1"), T0);
      ex.record(event("v1", "P1", T0, Type.VIEW, id));
      ex.record(event("v1", "P5", T0 + GAP.toMillis() - 1, Type.VIEW, null));
      // still the same session: the last event was less than the gap ago
      assertThat(ex.record(event("v1", "P1", T0 + 2 * GAP.toMillis() - 2, Type.CART, null))
          .outcome()).isEqualTo(Outcome.CART);
      assertThat(ex.record(event("v1", "P1", T0 + 4 * GAP.toMillis(), Type.PURCHASE, null))
          .skip()).isEqualTo(Skip.PURCHASE_WITHOUT_CLICK);
    }
  }

  @Test
  void interleaved_clicks_are_credited_to_the_model_that_contributed_the_product() {
    ExperimentSpec mix = ExperimentSpec.parse("mix=interleave:pop,hybrid");
    try (Experiments ex = Experiments.open(List.of(mix), null, GAP, MODELS)) {
      for (int i = 0; i < 3; i++) {
        String id = ex.newId();
        ex.impression(id, mix, -1, new byte[] {1, 0}, "v" + i, List.of("H", "P"), T0);
        ex.record(event("v" + i, i < 2 ? "H" : "P", T0, Type.VIEW, id));
      }
      ex.record(event("v0", "H", T0 + 5, Type.PURCHASE, null));
      @SuppressWarnings("unchecked")
      Map<String, Object> e = (Map<String, Object>) ((List<Object>) ex.report()
          .get("experiments")).get(0);
      assertThat(e).containsEntry("impressions", 3L).containsEntry("clicks", List.of(1L, 2L))
          .containsEntry("purchases", List.of(0L, 1L));
      @SuppressWarnings("unchecked")
      Map<String, Object> won = (Map<String, Object>) e.get("listsWon");
      assertThat(won).containsEntry("wins", List.of(1L, 2L)).containsEntry("ties", 0L)
          .containsEntry("model", "hybrid");
    }
  }

  @Test
  void counts_survive_a_restart_and_a_torn_last_record_is_cut_off() throws Exception {
    int arm = AB.assign("v1");
    String id;
    try (Experiments ex = open(dir)) {
      id = ex.impression(AB, arm, "v1", List.of("P1", "P2"), T0);
      ex.impression(AB, AB.assign("v2"), "v2", List.of("P1"), T0);
      ex.record(event("v1", "P2", T0 + 1, Type.VIEW, id));
      ex.record(event("v1", "P2", T0 + 2, Type.CART, null));
    }
    Path log = dir.resolve(ExperimentLog.FILE);
    Files.write(log, "1234abcd\t{\"r\":\"imp\",\"id\":\"half".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    try (Experiments ex = open(dir)) {
      assertThat(variant(ex, arm)).containsEntry("clicks", 1L).containsEntry("carts", 1L);
      // the list and the click are remembered: a purchase in the session is still credited,
      // a second click on the same product is not
      assertThat(ex.record(event("v1", "P2", T0 + 3, Type.PURCHASE, null)).outcome())
          .isEqualTo(Outcome.PURCHASE);
      assertThat(ex.record(event("v1", "P2", T0 + 4, Type.VIEW, id)).skip())
          .isEqualTo(Skip.REPEATED_CLICK);
      assertThat(ex.record(event("v1", "P1", T0 + 5, Type.VIEW, id)).outcome())
          .isEqualTo(Outcome.CLICK);
    }
    try (Experiments ex = open(dir)) {
      Map<String, Object> v = variant(ex, arm);
      assertThat(v).containsEntry("clicks", 2L).containsEntry("purchases", 1L);
      @SuppressWarnings("unchecked")
      Map<String, Object> logInfo = (Map<String, Object>) ex.report().get("log");
      assertThat(logInfo).containsEntry("corrupt", 0);
    }
  }

  @Test
  void a_record_with_a_bad_checksum_is_skipped_and_counted() throws Exception {
    try (Experiments ex = open(dir)) {
      ex.impression(AB, 0, "v1", List.of("P1"), T0);
      ex.impression(AB, 0, "v1", List.of("P2"), T0);
    }
    Path log = dir.resolve(ExperimentLog.FILE);
    List<String> lines = Files.readAllLines(log);
    lines.set(1, lines.get(1).replace("P1", "P7"));
    Files.write(log, lines);
    try (Experiments ex = open(dir)) {
      assertThat(variant(ex, 0)).containsEntry("impressions", 1L);
      @SuppressWarnings("unchecked")
      Map<String, Object> logInfo = (Map<String, Object>) ex.report().get("log");
      assertThat(logInfo).containsEntry("corrupt", 1);
    }
  }

  @Test
  void an_experiment_cannot_change_its_definition_under_the_same_name() {
    try (Experiments ex = open(dir)) {
      ex.impression(AB, 0, "v1", List.of("P1"), T0);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Experiments.open(List.of(ExperimentSpec.parse("ab=pop:10,hybrid:90")), dir, GAP,
            MODELS));
    assertThat(e.getMessage()).contains("already runs as pop:50,hybrid:50")
        .contains("another name");
  }

  @Test
  void an_ended_experiment_takes_no_more_visitors_but_keeps_its_counts() {
    try (Experiments ex = open(dir)) {
      ex.impression(AB, 0, "v1", List.of("P1"), T0);
      ex.end("ab");
      assertThat(ex.forRequest(null)).isNull();
    }
    try (Experiments ex = Experiments.open(List.of(), dir, GAP, MODELS)) {
      assertThat(ex.forRequest(null)).isNull();
      assertThat(variant(ex, 0)).containsEntry("impressions", 1L);
    }
  }
}
