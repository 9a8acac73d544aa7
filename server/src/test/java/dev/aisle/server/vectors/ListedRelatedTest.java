package dev.aisle.server.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.SharedData;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.model.Params;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.sknn.SknnModel;
import dev.aisle.model.sknn.SknnOptions;
import dev.aisle.session.CleaningOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session kNN's related products served from its precomputed lists are exactly what the model
 * answers, for every product of the yoochoose-100k training sessions: those whose list holds
 * fewer products than asked (padded with popular products at score 0) and those asked for more
 * than a list holds (answered by the model).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListedRelatedTest {
  @TempDir Path dir;
  private SknnModel model;
  private final List<String> built = new CopyOnWriteArrayList<>();

  @BeforeAll
  void train() {
    Corpus corpus = CorpusBuilder.ingest(
        List.of(SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_tr.txt")),
        new IngestOptions(Preset.SESSION_REC.format(), null, Duration.ofMinutes(30), true),
        CleaningOptions.none(), null, null).corpus();
    model = SknnModel.train(corpus, SknnOptions.from(Params.none()));
  }

  private ListedRelated load() {
    return ListedRelated.of(SavedIndexes.beside("sknn", dir.resolve("sknn.model"), "cafe0001",
        (step, done, total) -> built.add(step)), model);
  }

  @Test
  void every_product_gets_the_models_own_answer_from_the_lists() {
    ListedRelated listed = load();
    int padded = 0;
    for (int p = 0; p < model.products().size(); p++) {
      List<ScoredItem> expected = model.topRelated(p, 21);
      assertThat(listed.related(p, new Demand(20, 0, false))).as("product " + p)
          .isEqualTo(expected);
      padded += expected.get(20).score() == 0 ? 1 : 0;
    }
    assertThat(padded).as("products padded with popular ones").isPositive();
  }

  @Test
  void more_candidates_than_a_list_holds_are_asked_of_the_model() {
    ListedRelated listed = load();
    for (int p = 0; p < model.products().size(); p += 41) {
      assertThat(listed.related(p, new Demand(60, 0, false))).isEqualTo(model.topRelated(p, 61));
      assertThat(listed.related(p, new Demand(5, 0, true))).isEqualTo(model.topRelated(p, 100));
      assertThat(listed.related(p, new Demand(3, 2, false))).isEqualTo(model.topRelated(p, 6));
    }
  }

  @Test
  void the_lists_are_built_once_and_mapped_on_the_next_load() {
    ListedRelated first = load();
    assertThat(built).anyMatch(step -> step.startsWith("sknn: related lists"));
    assertThat(dir.resolve("sknn.model.index/neighbours.bin")).isRegularFile();
    built.clear();
    ListedRelated second = load();
    assertThat(built).isEmpty();
    for (int p = 0; p < model.products().size(); p += 17) {
      assertThat(second.related(p, new Demand(20, 0, false)))
          .isEqualTo(first.related(p, new Demand(20, 0, false)));
    }
    assertThat(second.next(new int[] {3, 1}, new Demand(20, 0, false)))
        .isEqualTo(model.topNext(new int[] {3, 1}, 21));
  }
}
