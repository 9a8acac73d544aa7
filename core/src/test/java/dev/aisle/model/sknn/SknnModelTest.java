package dev.aisle.model.sknn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.model.SessionWeighting;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session-kNN's votes counted by hand on three sessions, 100 seconds apart: (a b), (c d),
 * (a c e). A neighbour's similarity is the sum of the weights of the query's products it holds;
 * each of its products then gets that similarity as a vote.
 */
class SknnModelTest {
  private static final double E1 = Math.exp(-1);

  @TempDir Path dir;
  private Corpus corpus;

  @BeforeEach
  void sessions() {
    corpus = TestShops.ofSessions(dir, "a b", "c d", "a c e");
  }

  private static SknnOptions options(SessionWeighting weighting) {
    return new SknnOptions(100, 1000, weighting, 1.0, 0, 0, false, false, false);
  }

  private Map<String, Double> scores(SknnOptions options, String... session) {
    SknnModel m = SknnModel.train(corpus, options);
    int[] query = new int[session.length];
    for (int i = 0; i < session.length; i++) {
      query[i] = corpus.products().ordinal(session[i]);
    }
    float[] out = new float[corpus.products().size()];
    m.scoreNext(query, out);
    Map<String, Double> byId = new java.util.TreeMap<>();
    for (int p = 0; p < out.length; p++) {
      byId.put(corpus.products().id(p), (double) out[p]);
    }
    return byId;
  }

  private static void assertScores(Map<String, Double> actual, double a, double b, double c,
      double d, double e) {
    assertThat(actual.get("a")).as("a").isCloseTo(a, within(1e-5));
    assertThat(actual.get("b")).as("b").isCloseTo(b, within(1e-5));
    assertThat(actual.get("c")).as("c").isCloseTo(c, within(1e-5));
    assertThat(actual.get("d")).as("d").isCloseTo(d, within(1e-5));
    assertThat(actual.get("e")).as("e").isCloseTo(e, within(1e-5));
  }

  @Test
  void uniform_weights_let_every_session_with_a_query_product_vote_once() {
    // (a b) and (a c e) hold a, each with similarity 1
    assertScores(scores(options(SessionWeighting.UNIFORM), "a"), 2, 1, 1, 0, 1);
  }

  @Test
  void linear_weights_count_the_last_product_most() {
    // query (c a): c weighs 1/2, a 1; (a b) 1, (c d) 0.5, (a c e) 1.5
    assertScores(scores(options(SessionWeighting.LINEAR), "c", "a"), 2.5, 1, 2, 0.5, 1.5);
  }

  @Test
  void exp_weights_decay_with_the_distance_from_the_end_as_in_stan() {
    // lambda1 = 1: c weighs e^-1, a 1
    assertScores(scores(options(SessionWeighting.EXP), "c", "a"), 1 + (1 + E1), 1, E1 + 1 + E1,
        E1, 1 + E1);
  }

  @Test
  void only_the_k_most_similar_sessions_vote() {
    SknnOptions k1 = new SknnOptions(1, 1000, SessionWeighting.LINEAR, 1.0, 0, 0, false, false,
        false);
    assertScores(scores(k1, "c", "a"), 1.5, 0, 1.5, 0, 1.5);
  }

  @Test
  void the_sample_keeps_the_most_recent_candidate_sessions() {
    SknnOptions sample1 = new SknnOptions(1, 1, SessionWeighting.UNIFORM, 1.0, 0, 0, false,
        false, false);
    assertScores(scores(sample1, "a"), 1, 0, 1, 0, 1);
  }

  @Test
  void lambda3_decays_a_vote_with_its_distance_from_the_matched_product() {
    SknnOptions o = new SknnOptions(100, 1000, SessionWeighting.UNIFORM, 1.0, 0, 1.0, false,
        false, false);
    assertScores(scores(o, "a"), 2, E1, E1, 0, Math.exp(-2));
  }

  @Test
  void forward_only_votes_for_what_came_after_the_match() {
    SknnOptions o = new SknnOptions(100, 1000, SessionWeighting.UNIFORM, 1.0, 0, 0, false,
        false, true);
    assertScores(scores(o, "a"), 0, 1, 1, 0, 1);
  }

  @Test
  void idf_weighs_a_match_by_how_rare_the_product_is() {
    SknnOptions o = new SknnOptions(100, 1000, SessionWeighting.UNIFORM, 1.0, 0, 0, true,
        false, false);
    double idfA = Math.log(3 / 2.0); // a is in 2 of 3 sessions
    assertScores(scores(o, "a"), 2 * idfA, idfA, idfA, 0, idfA);
  }

  @Test
  void normalize_divides_by_the_root_of_both_session_lengths() {
    SknnOptions o = new SknnOptions(100, 1000, SessionWeighting.UNIFORM, 1.0, 0, 0, false,
        true, false);
    double s0 = 1 / Math.sqrt(2);
    double s2 = 1 / Math.sqrt(3);
    assertScores(scores(o, "a"), s0 + s2, s0, s2, 0, s2);
  }

  @Test
  void lambda2_decays_older_neighbour_sessions_by_age() {
    // lambda2 = 0.001 days = 86.4 s; (a b) is 200 s older than the newest session
    SknnOptions o = new SknnOptions(100, 1000, SessionWeighting.UNIFORM, 1.0, 0.001, 0, false,
        false, false);
    double old = Math.exp(-200 / 86.4);
    assertScores(scores(o, "a"), old + 1, old, 1, 0, 1);
  }
}
