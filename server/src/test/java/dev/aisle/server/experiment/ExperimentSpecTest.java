package dev.aisle.server.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentSpecTest {
  @Test
  void a_split_reads_its_models_and_weights() {
    ExperimentSpec e = ExperimentSpec.parse("ranker=pop:20,hybrid:80");
    assertThat(e.name()).isEqualTo("ranker");
    assertThat(e.mode()).isEqualTo(ExperimentSpec.Mode.SPLIT);
    assertThat(e.arms()).containsExactly(new ExperimentSpec.Arm("pop", 20),
        new ExperimentSpec.Arm("hybrid", 80));
    assertThat(ExperimentSpec.parse("ranker", e.definition())).isEqualTo(e);
  }

  @Test
  void an_interleaving_mixes_two_models() {
    ExperimentSpec e = ExperimentSpec.parse("mix=interleave:pop,hybrid");
    assertThat(e.mode()).isEqualTo(ExperimentSpec.Mode.INTERLEAVE);
    assertThat(e.definition()).isEqualTo("interleave:pop,hybrid");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "x=pop:50,hybrid:40              | add up to 90",
      "x=pop:50                        | at least two models",
      "x=pop:fifty,hybrid:50           | whole percentage",
      "x=pop,hybrid                    | MODEL:WEIGHT",
      "x=pop:0,hybrid:100              | must be >= 1",
      "x=interleave:pop                | exactly two models",
      "x=interleave:pop,hybrid,cooc    | exactly two models",
      "pop:50,hybrid:50                | NAME=",
      "bad name=pop:50,hybrid:50       | experiment name",
      "x=interleave:,hybrid            | empty model name"})
  void bad_definitions_say_what_is_wrong(String definition, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExperimentSpec.parse(definition));
    assertThat(e.getMessage()).contains(message);
  }

  @Test
  void an_unknown_model_is_named_with_the_loaded_ones() {
    ExperimentSpec e = ExperimentSpec.parse("x=pop:50,hybird:50");
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> e.requireModels(List.of("pop", "hybrid")));
    assertThat(ex.getMessage()).contains("'hybird'").contains("loaded: pop, hybrid");
  }

  @Test
  void a_visitor_always_gets_the_same_arm_and_arms_get_their_weights() {
    ExperimentSpec e = ExperimentSpec.parse("x=a:20,b:80");
    int[] seen = new int[2];
    for (int v = 0; v < 20_000; v++) {
      int arm = e.assign("visitor-" + v);
      assertThat(e.assign("visitor-" + v)).isEqualTo(arm);
      seen[arm]++;
    }
    // 20% of 20,000 is 4,000 with a standard deviation of about 57
    assertThat(seen[0]).isBetween(3_750, 4_250);
  }

  @Test
  void the_same_visitor_is_assigned_independently_in_two_experiments() {
    ExperimentSpec x = ExperimentSpec.parse("x=a:50,b:50");
    ExperimentSpec y = ExperimentSpec.parse("y=a:50,b:50");
    int same = 0;
    for (int v = 0; v < 10_000; v++) {
      if (x.assign("v" + v) == y.assign("v" + v)) {
        same++;
      }
    }
    assertThat(same).isBetween(4_700, 5_300);
  }
}
