package dev.aisle.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.eval.TimeSplit;
import dev.aisle.modelfile.Algorithm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Embedding models put products browsed together closer than products picked at random, on a
 * generated shop whose sessions follow planted tastes. The pairs come from sessions of the last
 * week, which the models never saw: they must generalise, not remember.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoBrowsedProductsTest {
  @TempDir static Path dir;
  private Corpus train;
  private final List<int[]> pairs = new ArrayList<>();

  @BeforeAll
  void shop() {
    Corpus corpus = TestShops.shop(dir.resolve("shop"), 400, 1500, 5);
    TimeSplit split = TimeSplit.lastDays(corpus, 7);
    train = split.train();
    Corpus later = split.test();
    for (int s = 0; s < later.sessionCount(); s++) {
      for (int e = later.sessionStart(s) + 1; e < later.sessionEnd(s); e++) {
        int a = train.products().ordinal(later.products().id(later.item(e - 1)));
        int b = train.products().ordinal(later.products().id(later.item(e)));
        if (a >= 0 && b >= 0 && a != b) {
          pairs.add(new int[] {a, b});
        }
      }
    }
    assertThat(pairs).hasSizeGreaterThan(1000);
  }

  private static double cosine(float[] x, float[] y) {
    double dot = 0;
    double nx = 0;
    double ny = 0;
    for (int i = 0; i < x.length; i++) {
      dot += (double) x[i] * y[i];
      nx += (double) x[i] * x[i];
      ny += (double) y[i] * y[i];
    }
    return nx == 0 || ny == 0 ? 0 : dot / Math.sqrt(nx * ny);
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"GLOVE", "SVD", "ITEM2VEC"})
  void co_browsed_products_are_closer_than_random_pairs(Algorithm algorithm) {
    EmbeddingModel m = (EmbeddingModel) algorithm.prepare(Params.none())
        .train(train, new TrainContext(3, 1, null, null));
    int n = train.products().size();
    SplittableRandom random = new SplittableRandom(17);
    int closer = 0;
    double together = 0;
    double apart = 0;
    for (int[] pair : pairs) {
      int other = random.nextInt(n - 1);
      if (other >= pair[0]) {
        other++; // any product but the first of the pair
      }
      double c = cosine(m.vector(pair[0]), m.vector(pair[1]));
      double r = cosine(m.vector(pair[0]), m.vector(other));
      if (c > r) {
        closer++;
      }
      together += c;
      apart += r;
    }
    double share = (double) closer / pairs.size();
    // chance is 0.5; on this shop item2vec and svd reach about 0.83, glove (3 epochs) 0.76
    assertThat(share).as("share of co-browsed pairs closer than a random pair").isGreaterThan(0.7);
    assertThat((together - apart) / pairs.size()).as("mean cosine gap").isGreaterThan(0.2);
  }
}
