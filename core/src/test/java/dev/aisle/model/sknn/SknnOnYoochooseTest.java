package dev.aisle.model.sknn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.SharedData;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.model.Params;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.session.CleaningOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Session-kNN's answers on the yoochoose-100k training sessions equal, bit for bit, those of a
 * plain reading of its definition below: dense arrays over the catalog and the corpus, every
 * candidate session read in full, the neighbours sorted. The model's own path (a thread's reused
 * buffers, the one-product shortcut that reads only the sessions that vote, a heap instead of a
 * sort) must not change a score or the order of a tie.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SknnOnYoochooseTest {
  private static final double DAY_MS = 86_400_000.0;

  private Corpus corpus;
  /** The sessions holding each product, ascending. */
  private List<List<Integer>> holding;
  private long lastTime;

  @BeforeAll
  void read() {
    corpus = CorpusBuilder.ingest(
        List.of(SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_tr.txt")),
        new IngestOptions(Preset.SESSION_REC.format(), null, Duration.ofMinutes(30), true),
        CleaningOptions.none(), null, null).corpus();
    holding = new ArrayList<>();
    for (int p = 0; p < corpus.products().size(); p++) {
      holding.add(new ArrayList<>());
    }
    lastTime = Long.MIN_VALUE;
    for (int s = 0; s < corpus.sessionCount(); s++) {
      for (int p : Arrays.stream(corpus.sessionItems(s)).distinct().toArray()) {
        holding.get(p).add(s);
      }
      lastTime = Math.max(lastTime, corpus.sessionTime(s));
    }
  }

  static Stream<Arguments> options() {
    return Stream.of(
        Arguments.of("defaults", SknnOptions.from(Params.none())),
        Arguments.of("small sample, normalized, forward only",
            SknnOptions.from(Params.parse(List.of("k=20", "sample=50", "normalize=true",
                "forward-only=true", "weighting=linear")))),
        Arguments.of("no decays, no idf", SknnOptions.from(Params.parse(List.of(
            "lambda2=0", "lambda3=0", "idf=false", "weighting=uniform")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void related_products_are_those_of_the_definition(String name, SknnOptions options) {
    SknnModel model = SknnModel.train(corpus, options);
    int n = corpus.products().size();
    for (int p = 0; p < n; p += Math.max(1, n / 300)) {
      assertThat(model.topRelated(p, 21)).as("product " + p)
          .isEqualTo(definition(options, new int[] {p}, 21));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void session_recommendations_are_those_of_the_definition(String name, SknnOptions options) {
    SknnModel model = SknnModel.train(corpus, options);
    int sessions = corpus.sessionCount();
    for (int s = 0; s < sessions; s += Math.max(1, sessions / 300)) {
      int[] items = corpus.sessionItems(s);
      int[] query = Arrays.copyOf(items, Math.min(items.length, 1 + s % 6));
      assertThat(model.topNext(query, 21)).as("session " + Arrays.toString(query))
          .isEqualTo(definition(options, query, 21));
      float[] dense = new float[corpus.products().size()];
      model.scoreNext(query, dense);
      assertThat(TopK.select(dense, 21, null)).isEqualTo(definition(options, query, 21));
    }
  }

  /** Session-kNN as the model's javadoc and options describe it, the slow and plain way. */
  private List<ScoredItem> definition(SknnOptions o, int[] session, int k) {
    int sessions = corpus.sessionCount();
    // the query's distinct products: largest position weight and last position
    Map<Integer, float[]> query = new LinkedHashMap<>();
    for (int i = 0; i < session.length; i++) {
      float w = (float) o.weighting().weight(i, session.length, o.lambda1());
      float[] q = query.computeIfAbsent(session[i], p -> new float[] {0, 0});
      q[0] = Math.max(q[0], Math.max(w, Float.MIN_NORMAL));
      q[1] = i;
    }
    // candidates: the last `sample` sessions of each query product, in the order first found,
    // the most recent `sample` of them (ascending) when there are more or a list was cut
    List<Integer> found = new ArrayList<>();
    boolean cut = false;
    for (int p : query.keySet()) {
      List<Integer> with = holding.get(p);
      cut |= with.size() > o.sample();
      for (int s : with.subList(Math.max(0, with.size() - o.sample()), with.size())) {
        if (!found.contains(s)) {
          found.add(s);
        }
      }
    }
    if (found.size() > o.sample() || cut) {
      found.sort(null);
      found = new ArrayList<>(found.subList(Math.max(0, found.size() - o.sample()),
          found.size()));
    }
    int count = found.size();
    float[] similarity = new float[count];
    int[] match = new int[count];
    for (int c = 0; c < count; c++) {
      int s = found.get(c);
      double sim = 0;
      float bestPosition = -1;
      match[c] = corpus.sessionStart(s);
      List<Integer> seen = new ArrayList<>();
      for (int e = corpus.sessionStart(s); e < corpus.sessionEnd(s); e++) {
        float[] q = query.get(corpus.item(e));
        if (q == null) {
          continue;
        }
        if (!seen.contains(corpus.item(e))) {
          seen.add(corpus.item(e));
          float idf = (float) Math.log((double) sessions
              / Math.max(1, holding.get(corpus.item(e)).size()));
          sim += o.idf() ? q[0] * idf : q[0];
        }
        if (q[1] >= bestPosition) {
          bestPosition = q[1];
          match[c] = e;
        }
      }
      int distinct = (int) Arrays.stream(corpus.sessionItems(s)).distinct().count();
      if (o.normalize()) {
        sim /= Math.sqrt((double) query.size() * distinct);
      }
      if (o.lambda2() > 0) {
        sim *= Math.exp(-(lastTime - corpus.sessionTime(s)) / (o.lambda2() * DAY_MS));
      }
      similarity[c] = (float) sim;
    }
    Integer[] order = new Integer[count];
    Arrays.setAll(order, c -> c);
    Arrays.sort(order, (a, b) -> similarity[a] != similarity[b]
        ? Float.compare(similarity[b], similarity[a]) : Integer.compare(a, b));
    float[] votes = new float[corpus.products().size()];
    for (int i = 0; i < Math.min(o.neighbours(), count); i++) {
      int c = order[i];
      if (similarity[c] <= 0) {
        continue;
      }
      int s = found.get(c);
      int m = match[c];
      for (int e = o.forwardOnly() ? m + 1 : corpus.sessionStart(s); e < corpus.sessionEnd(s);
          e++) {
        double w = o.lambda3() > 0 ? Math.exp(-Math.abs(e - m) / o.lambda3()) : 1;
        votes[corpus.item(e)] += (float) (similarity[c] * w);
      }
    }
    return TopK.select(votes, k, null);
  }
}
