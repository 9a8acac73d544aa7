package dev.aisle.model.pop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.model.TopK;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Popularity's top lists, picked without scoring every product, against its full scores. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PopularityModelTest {
  @TempDir static Path dir;
  private Corpus corpus;

  @BeforeAll
  void shop() {
    corpus = TestShops.shop(dir.resolve("shop"), 300, 900, 3);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void top_lists_are_what_top_k_picks_from_the_scores(boolean byCategory) {
    PopularityModel m = PopularityModel.train(corpus, new PopularityOptions(byCategory));
    int n = corpus.products().size();
    float[] s = new float[n];
    for (int p : IntStream.range(0, n).filter(p -> p % 7 == 0).toArray()) {
      m.scoreRelated(p, s);
      for (int k : new int[] {1, 20, n}) {
        assertThat(m.topRelated(p, k)).as("product %d, k %d", p, k)
            .isEqualTo(TopK.select(s, k, null));
      }
      m.scoreNext(new int[] {3, p}, s);
      assertThat(m.topNext(new int[] {3, p}, 30)).isEqualTo(TopK.select(s, 30, null));
    }
  }
}
