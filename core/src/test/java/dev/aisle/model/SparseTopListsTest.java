package dev.aisle.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.model.cooc.CoocOptions;
import dev.aisle.model.sknn.SknnModel;
import dev.aisle.model.sknn.SknnOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sparse answers of co-occurrence and session kNN ({@link Recommender#topNext} and {@link
 * Recommender#topRelated} without an array over the catalog) are exactly what {@link TopK} picks
 * from their dense scores, on a generated shop's sessions.
 */
class SparseTopListsTest {
  @TempDir static Path dir;
  private static Corpus corpus;

  @BeforeAll
  static void shop() {
    corpus = TestShops.shop(dir, 400, 1500, 11);
  }

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("cooc", CoocModel.train(corpus, CoocOptions.from(Params.none()),
            TrainContext.defaults())),
        Arguments.of("cooc top 5", CoocModel.train(corpus,
            CoocOptions.from(Params.parse(List.of("top=5"))), TrainContext.defaults())),
        Arguments.of("sknn", SknnModel.train(corpus, SknnOptions.from(Params.none()))),
        // a sample smaller than popular products' posting lists, so that lists are cut
        Arguments.of("sknn sample 20", SknnModel.train(corpus,
            SknnOptions.from(Params.parse(List.of("sample=20", "k=10"))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void answer_as_top_k_of_the_dense_scores(String name, Recommender model) {
    int n = model.products().size();
    SplittableRandom rng = new SplittableRandom(7);
    for (int q = 0; q < 200; q++) {
      int[] session = rng.ints(1 + rng.nextInt(6), 0, n).toArray();
      int k = 1 + rng.nextInt(300);
      float[] scores = new float[n];
      model.scoreNext(session, scores);
      assertThat(model.topNext(session, k)).as("next %s", java.util.Arrays.toString(session))
          .isEqualTo(TopK.select(scores, Math.min(k, n), null));
      model.scoreRelated(session[0], scores);
      assertThat(model.topRelated(session[0], k)).as("related %d", session[0])
          .isEqualTo(TopK.select(scores, Math.min(k, n), null));
    }
  }
}
