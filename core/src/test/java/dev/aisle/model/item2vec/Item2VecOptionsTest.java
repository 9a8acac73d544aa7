package dev.aisle.model.item2vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.model.Params;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Item2VecOptionsTest {
  /** 600M event passes in all: 50 epochs up to 12M events, fewer above, never under 3. */
  @ParameterizedTest
  @CsvSource({"53255, 50", "12000000, 50", "15000000, 40", "98000000, 6", "100000000, 6",
      "1000000000, 3"})
  void default_epochs_follow_the_corpus_size(long events, int epochs) {
    assertThat(Item2VecOptions.from(Params.none()).forEvents(events).epochs()).isEqualTo(epochs);
  }

  @ParameterizedTest
  @CsvSource({"53255", "100000000"})
  void epochs_given_are_kept_whatever_the_size(long events) {
    Item2VecOptions o = Item2VecOptions.from(Params.parse(List.of("epochs=5")));
    assertThat(o.forEvents(events)).isSameAs(o);
  }

  @ParameterizedTest
  @CsvSource({"-1"})
  void negative_epochs_are_refused_with_the_value(int epochs) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Item2VecOptions.from(Params.parse(List.of("epochs=" + epochs))));
    assertThat(e.getMessage()).contains("was " + epochs);
  }
}
