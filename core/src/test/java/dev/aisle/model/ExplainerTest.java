package dev.aisle.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.model.cooc.CoocOptions;
import dev.aisle.model.hybrid.HybridModel;
import dev.aisle.model.pop.PopularityModel;
import dev.aisle.model.pop.PopularityOptions;
import dev.aisle.model.sknn.SknnModel;
import dev.aisle.model.sknn.SknnOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each model words its own reasons, counted by hand on four products. */
class ExplainerTest {
  @TempDir Path dir;
  private Corpus corpus;
  private ProductLabels labels;

  /** (a b) x3, (a c), (c d): a and b were browsed together in three sessions, a and d never. */
  @BeforeEach
  void sessions() {
    corpus = TestShops.ofSessions(dir, "a b", "a b", "a b", "a c", "c d");
    labels = new ProductLabels() {
      @Override
      public String name(int product) {
        return "Item " + corpus.products().id(product).toUpperCase(java.util.Locale.ROOT);
      }

      @Override
      public String category(int product) {
        return corpus.products().id(product).equals("d") ? null : "Cushions";
      }
    };
  }

  private int id(String product) {
    return corpus.products().ordinal(product);
  }

  private CoocModel cooc() {
    return CoocModel.train(corpus, CoocOptions.from(Params.parse(List.of("score=count",
        "directed=false", "window=0"))), TrainContext.defaults());
  }

  @Test
  void co_occurrence_counts_the_sessions_two_products_share() {
    Explainer why = cooc().explainer(labels);
    assertThat(why.related(id("a"), id("b"))).isEqualTo("browsed together in 3 sessions");
    assertThat(why.related(id("a"), id("c"))).isEqualTo("browsed together in 1 session");
    assertThat(why.next(id("a"), id("b"))).isEqualTo("often browsed after Item A (3 sessions)");
  }

  @Test
  void without_a_shared_session_co_occurrence_falls_back_to_words() {
    Explainer why = cooc().explainer(labels);
    assertThat(why.related(id("a"), id("d"))).isEqualTo("related to Item A");
    assertThat(why.next(id("a"), id("d"))).isEqualTo("popular in the shop");
  }

  @Test
  void a_blend_with_co_occurrence_counts_sessions_and_otherwise_speaks_of_likeness() {
    SknnModel sknn = SknnModel.train(corpus, SknnOptions.from(Params.none()));
    Explainer why = HybridModel.of(List.of(sknn, cooc()), new double[] {1, 0.5}, 0, 1)
        .explainer(labels);
    assertThat(why.related(id("a"), id("b"))).isEqualTo("browsed together in 3 sessions");
    assertThat(why.related(id("a"), id("d"))).isEqualTo("similar to Item A");
    assertThat(why.next(id("a"), id("d"))).isEqualTo("browsed in sessions like yours");
    Explainer noCounts = HybridModel.of(List.of(sknn), new double[] {1}, 0, 1).explainer(labels);
    assertThat(noCounts.related(id("a"), id("b"))).isEqualTo("similar to Item A");
  }

  @Test
  void session_knn_and_popularity_say_what_they_score() {
    Explainer sknn = SknnModel.train(corpus, SknnOptions.from(Params.none())).explainer(labels);
    assertThat(sknn.related(id("a"), id("b"))).isEqualTo("browsed in sessions with Item A");
    assertThat(sknn.next(id("a"), id("b"))).isEqualTo("browsed in sessions like yours");
    Explainer pop = PopularityModel.train(corpus, new PopularityOptions(false)).explainer(labels);
    assertThat(pop.related(id("a"), id("b"))).isEqualTo("popular in Cushions");
    assertThat(pop.next(id("a"), id("d"))).isEqualTo("popular in the shop");
  }
}
