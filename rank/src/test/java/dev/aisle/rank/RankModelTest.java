package dev.aisle.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisle.SharedData;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.eval.Evaluator;
import dev.aisle.eval.TestSessions;
import dev.aisle.eval.TimeSplit;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TopK;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.session.CleaningOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ranker on real data: yoochoose-100k's train_tr, its last day held out (6,485 next-item
 * predictions), every model with its defaults. train_valid, the pair's test file, is not used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RankModelTest {
  @TempDir Path dir;
  private Corpus train;
  private TestSessions test;
  private Recommender rank;
  private final Map<String, double[]> scores = new LinkedHashMap<>();

  @BeforeAll
  // six models on 53k events: a minute alone, more than the default five on a loaded machine
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void trainEveryCandidateModelAndTheRanker() {
    Corpus all = CorpusBuilder.ingest(
        List.of(SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_tr.txt")),
        new IngestOptions(Preset.SESSION_REC.format(), null, Duration.ofMinutes(30), true),
        CleaningOptions.none(), null, null).corpus();
    TimeSplit split = TimeSplit.lastDays(all, 1);
    train = split.train();
    test = TestSessions.of(train.products(), split.test());
    TrainContext context = new TrainContext(42, 2, null, null);
    for (String part : CandidateModels.PARTS) {
      Recommender m = Algorithm.fromLabel(part).prepare(Params.none()).train(train, context);
      scores.put(part, Evaluator.hitRateAndMrr(m, test, 20, 2));
    }
    rank = Algorithm.RANK.prepare(Params.none()).train(train, context);
    scores.put("rank", Evaluator.hitRateAndMrr(rank, test, 20, 2));
  }

  @Test
  void rank_beats_popularity_and_every_candidate_model_on_held_out_sessions() {
    double[] r = scores.get("rank");
    assertThat(r[0]).as("rank HR@20 %s", scores).isGreaterThan(5 * scores.get("pop")[0]);
    for (String part : CandidateModels.PARTS) {
      assertThat(r[0]).as("HR@20 of rank over %s: %s", part, scores)
          .isGreaterThan(scores.get(part)[0] + 0.01);
      assertThat(r[1]).as("MRR@20 of rank over %s: %s", part, scores)
          .isGreaterThan(scores.get(part)[1]);
    }
  }

  @Test
  void a_saved_rank_model_reads_back_and_scores_the_same() {
    Path file = dir.resolve("rank.model");
    ModelFile.write(rank, ModelFile.info(rank, Algorithm.RANK.prepare(Params.none()), 42, 2,
        "test", train.eventCount()), file);
    Recommender back = ModelFile.read(file).model();
    float[] a = new float[train.products().size()];
    float[] b = new float[a.length];
    for (int[] session : test.sessions().subList(0, 50)) {
      rank.scoreNext(session, a);
      back.scoreNext(session, b);
      assertThat(b).containsExactly(a);
    }
    assertThat(((RankModel) back).featureGain()).isEqualTo(((RankModel) rank).featureGain());
  }

  @Test
  void top_answers_are_what_top_k_picks_from_the_full_scores_for_real_sessions() {
    float[] s = new float[train.products().size()];
    for (int[] session : test.sessions().subList(0, 300)) {
      rank.scoreNext(session, s);
      assertThat(rank.topNext(session, 25)).isEqualTo(TopK.select(s, 25, null));
      int product = session[session.length - 1];
      rank.scoreRelated(product, s);
      assertThat(rank.topRelated(product, 25)).isEqualTo(TopK.select(s, 25, null));
    }
  }

  @Test
  void top_answers_past_the_candidates_follow_with_the_most_popular_products() {
    int all = train.products().size();
    int[] session = test.sessions().get(3);
    float[] s = new float[all];
    rank.scoreNext(session, s);
    assertThat(rank.topNext(session, all)).isEqualTo(TopK.select(s, all, null));
    int product = session[0];
    rank.scoreRelated(product, s);
    List<dev.aisle.model.ScoredItem> related = rank.topRelated(product, all);
    assertThat(related).isEqualTo(TopK.select(s, all, null));
    assertThat(related.get(all - 1).product()).isEqualTo(product);
  }

  @Test
  void the_booster_learns_from_the_sequence_position_features() {
    assertThat(((RankModel) rank).featureGain().keySet())
        .as("features split on: the last product's co-visits or cosine among them")
        .containsAnyOf("next_1", "near_1", "item2vec_cos_last");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void a_rank_model_of_an_older_layout_is_refused_with_a_clear_message(int layout) {
    Recommender old = new Recommender() {
      @Override
      public String algorithm() {
        return "rank";
      }

      @Override
      public dev.aisle.corpus.ProductIndex products() {
        return train.products();
      }

      @Override
      public void scoreNext(int[] session, float[] scores) {}

      @Override
      public void scoreRelated(int product, float[] scores) {}

      @Override
      public void write(dev.aisle.format.BinaryWriter out) {
        // layout 1 began with the candidate count; later ones with 0 and the layout
        out.writeVarInt(layout == 1 ? 50 : 0);
        out.writeVarInt(layout == 1 ? 42 : layout);
      }
    };
    Path file = dir.resolve("rank-layout-" + layout + ".model");
    ModelFile.write(old, ModelFile.info(old, Algorithm.RANK.prepare(Params.none()), 42, 2,
        "test", train.eventCount()), file);
    assertThatThrownBy(() -> ModelFile.read(file))
        .isInstanceOf(dev.aisle.BadInputException.class)
        .hasMessageContaining("rank-layout-" + layout + ".model")
        .hasMessageContaining("layout " + layout)
        .hasMessageContaining("retrain it");
  }

  @Test
  void related_products_are_ranked_candidates_without_the_product_itself() {
    float[] s = new float[train.products().size()];
    int product = test.sessions().get(0)[0];
    rank.scoreRelated(product, s);
    var top = TopK.select(s, 10, null);
    assertThat(top).hasSize(10).extracting(item -> item.product()).doesNotContain(product);
    assertThat(top.get(9).score()).isGreaterThan(-1e6f); // all ten from the candidates
  }

  @Test
  void reasons_count_the_sessions_that_browsed_both_products() {
    dev.aisle.model.ProductLabels labels = new dev.aisle.model.ProductLabels() {
      @Override
      public String name(int product) {
        return train.products().id(product);
      }

      @Override
      public String category(int product) {
        return null;
      }
    };
    float[] s = new float[train.products().size()];
    int product = test.sessions().get(0)[0];
    rank.scoreRelated(product, s);
    int best = TopK.select(s, 1, null).get(0).product();
    assertThat(rank.explainer(labels).related(product, best))
        .matches("browsed together in \\d+ sessions?|similar to .+");
  }

  @Test
  void feature_gains_name_this_builds_features_largest_first() {
    Map<String, Double> gains = ((RankModel) rank).featureGain();
    assertThat(RankFeatures.NAMES).containsAll(gains.keySet());
    List<Double> values = List.copyOf(gains.values());
    for (int i = 1; i < values.size(); i++) {
      assertThat(values.get(i)).isLessThanOrEqualTo(values.get(i - 1));
    }
  }
}
