package dev.aisle.model.dense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.model.Params;
import dev.aisle.model.TrainContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The network's gradients against numeric differentiation of an independent double-precision
 * forward pass, and its RMSprop steps against Keras's dense update, on six products.
 */
class DenseTrainerTest {
  @TempDir Path dir;
  private Corpus corpus;

  @BeforeEach
  void sessions() {
    corpus = TestShops.ofSessions(dir, "a b c", "a b", "b c d b", "a d", "c e a", "e b", "f",
        "a f a", "d e");
  }

  /** One sample: an input product and the other distinct products of its session. */
  private record Sample(int input, int[] others) {}

  /** One per distinct product of a session, or one per event ({@code perEvent}). */
  private List<Sample> samples(boolean perEvent) {
    List<Sample> out = new ArrayList<>();
    for (int s = 0; s < corpus.sessionCount(); s++) {
      Set<Integer> distinct = new LinkedHashSet<>();
      List<Integer> events = new ArrayList<>();
      for (int e = corpus.sessionStart(s); e < corpus.sessionEnd(s); e++) {
        distinct.add(corpus.item(e));
        events.add(corpus.item(e));
      }
      if (distinct.size() < 2) {
        continue;
      }
      for (int p : perEvent ? events : distinct) {
        out.add(new Sample(p, distinct.stream().filter(q -> q != p).mapToInt(q -> q).toArray()));
      }
    }
    return out;
  }

  /** The mean cross-entropy of {@code batch}, computed the plain way in doubles. */
  private static double loss(List<Sample> batch, double[] w1, double[] b1, double[] w2,
      double[] b2, int n, int h, boolean normalized) {
    double total = 0;
    for (Sample s : batch) {
      double[] hid = new double[h];
      for (int k = 0; k < h; k++) {
        hid[k] = Math.max(0, w1[s.input() * h + k] + b1[k]);
      }
      double[] z = new double[n];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        z[j] = b2[j];
        for (int k = 0; k < h; k++) {
          z[j] += hid[k] * w2[k * n + j];
        }
        max = Math.max(max, z[j]);
      }
      double sum = 0;
      for (int j = 0; j < n; j++) {
        sum += Math.exp(z[j] - max);
      }
      double y = normalized ? 1.0 / s.others().length : 1.0;
      for (int j : s.others()) {
        total -= y * (z[j] - max - Math.log(sum));
      }
    }
    return total / batch.size();
  }

  private static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  private DenseTrainer trainer(String target, String samples, int batchSize) {
    DenseOptions o = DenseOptions.from(Params.parse(List.of("target=" + target,
        "samples=" + samples, "batch-size=" + batchSize)));
    return DenseTrainer.create(corpus, o, 3, 1);
  }

  @ParameterizedTest
  @CsvSource({"normalized, events", "multi-hot, events", "normalized, products"})
  void gradients_match_numeric_differentiation(String target, String samples) {
    DenseTrainer t = trainer(target, samples, 1000);
    int n = t.outputs();
    int h = t.hiddenUnits();
    assertThat(n).isEqualTo(6);
    assertThat(h).isEqualTo(12);
    List<Sample> batch = samples(samples.equals("events"));
    assertThat(t.sampleCount()).isEqualTo(batch.size());
    int[] order = new int[batch.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // samples repeat input products, so the per-product aggregation is exercised
    assertThat(batch.stream().mapToInt(Sample::input).distinct().count()).isLessThan(batch.size());
    boolean normalized = target.equals("normalized");
    double reported = t.gradients(order, 0, order.length);
    double[] w1 = toDouble(t.w1());
    double[] b1 = toDouble(t.b1());
    double[] w2 = toDouble(t.w2());
    double[] b2 = toDouble(t.b2());
    assertThat(reported).isCloseTo(loss(batch, w1, b1, w2, b2, n, h, normalized), within(1e-5));
    double[][] params = {w1, b1, w2, b2};
    float[][] analytic = new float[4][];
    analytic[0] = new float[n * h];
    for (int p = 0; p < n; p++) {
      System.arraycopy(t.gradW1Row(p), 0, analytic[0], p * h, h);
    }
    analytic[1] = t.gradB1();
    analytic[2] = t.gradW2();
    analytic[3] = t.gradB2();
    String[] names = {"W1", "b1", "W2", "b2"};
    double eps = 1e-4;
    int nonZero = 0;
    for (int which = 0; which < 4; which++) {
      double[] x = params[which];
      for (int i = 0; i < x.length; i++) {
        double keep = x[i];
        x[i] = keep + eps;
        double up = loss(batch, w1, b1, w2, b2, n, h, normalized);
        x[i] = keep - eps;
        double down = loss(batch, w1, b1, w2, b2, n, h, normalized);
        x[i] = keep;
        double numeric = (up - down) / (2 * eps);
        assertThat((double) analytic[which][i]).as("d loss / d %s[%d]", names[which], i)
            .isCloseTo(numeric, within(1e-5 + 1e-3 * Math.abs(numeric)));
        if (Math.abs(numeric) > 1e-4) {
          nonZero++;
        }
      }
    }
    assertThat(nonZero).as("gradients that are not trivially zero").isGreaterThan(100);
  }

  @Test
  void rmsprop_steps_equal_kerass_dense_update_with_rows_left_out_of_a_batch() {
    DenseTrainer t = trainer("normalized", "events", 4);
    int n = t.outputs();
    int h = t.hiddenUnits();
    double[][] w = {toDouble(t.w1()), toDouble(t.b1()), toDouble(t.w2()), toDouble(t.b2())};
    double[][] acc = {new double[n * h], new double[h], new double[n * h], new double[n]};
    int[] order = new int[t.sampleCount()];
    int stride = 5;
    while (java.math.BigInteger.valueOf(stride).gcd(java.math.BigInteger.valueOf(order.length))
        .intValue() != 1) {
      stride++;
    }
    for (int i = 0; i < order.length; i++) {
      order[i] = (i * stride) % order.length; // a permutation, products split across batches
    }
    double lr = 0.001;
    double rho = 0.9;
    double eps = 1e-7;
    for (int from = 0; from < order.length; from += 4) {
      int to = Math.min(order.length, from + 4);
      t.gradients(order, from, to);
      float[][] g = new float[4][];
      g[0] = new float[n * h];
      for (int p = 0; p < n; p++) {
        System.arraycopy(t.gradW1Row(p), 0, g[0], p * h, h); // zero rows for absent products
      }
      g[1] = t.gradB1();
      g[2] = t.gradW2();
      g[3] = t.gradB2();
      for (int which = 0; which < 4; which++) { // Keras: every weight, every step
        for (int i = 0; i < w[which].length; i++) {
          double gv = g[which][i];
          acc[which][i] = rho * acc[which][i] + (1 - rho) * gv * gv;
          w[which][i] -= lr * gv / (Math.sqrt(acc[which][i]) + eps);
        }
      }
      t.update();
    }
    float[][] actual = {t.w1(), t.b1(), t.w2(), t.b2()};
    for (int which = 0; which < 4; which++) {
      for (int i = 0; i < w[which].length; i++) {
        assertThat((double) actual[which][i]).isCloseTo(w[which][i], within(2e-6));
      }
    }
  }

  @Test
  void steps_lower_the_loss() {
    DenseTrainer t = DenseTrainer.create(corpus, DenseOptions.from(Params.parse(List.of(
        "learning-rate=0.01"))), 3, 1);
    int[] order = new int[t.sampleCount()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    double first = t.gradients(order, 0, order.length);
    double last = first;
    for (int step = 0; step < 50; step++) {
      t.update();
      last = t.gradients(order, 0, order.length);
    }
    assertThat(last).isLessThan(0.8 * first);
  }

  @Test
  void a_trained_network_scores_co_browsed_products_first() {
    DenseOptions o = DenseOptions.from(Params.parse(List.of("epochs=60", "batch-size=8",
        "learning-rate=0.01")));
    DenseModel m = DenseTrainer.train(corpus, o, new TrainContext(5, 1, null, null));
    float[] scores = new float[corpus.products().size()];
    int a = corpus.products().ordinal("a");
    m.scoreRelated(corpus.products().ordinal("f"), scores);
    // f was browsed only with a
    int best = 0;
    for (int p = 1; p < scores.length; p++) {
      if (scores[p] > scores[best]) {
        best = p;
      }
    }
    assertThat(best).isEqualTo(a);
    double sum = 0;
    for (float s : scores) {
      sum += s;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void a_cancelled_training_ends_inside_the_batch_it_is_in() {
    // asked once before the first batch, then by each of the batch's three matrix products:
    // the third question lands in the batch's second product
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Long> progress = new ArrayList<>();
    TrainContext context = new TrainContext(1, 1, progress::add, null, null,
        () -> asked.incrementAndGet() > 2);
    assertThrows(java.util.concurrent.CancellationException.class,
        () -> DenseTrainer.train(corpus, DenseOptions.from(Params.none()), context));
    assertThat(asked.get()).isEqualTo(3);
    assertThat(progress).as("batches finished").isEmpty();
  }

  @Test
  void the_talks_network_at_nine_thousand_products_is_about_one_point_two_gigabytes() {
    assertThat(DenseModel.parameterCount(9000, 18000)).isEqualTo(4L * 9000 * 9000 + 3 * 9000);
    assertThat(DenseModel.float32Bytes(9000, 18000) / Math.pow(1024, 3)).isBetween(1.2, 1.22);
  }

  @Test
  void the_cap_keeps_the_most_popular_products_and_others_score_zero() {
    DenseModel m = DenseTrainer.train(corpus, DenseOptions.from(Params.parse(
        List.of("max-products=4"))), new TrainContext(1, 1, null, null));
    assertThat(m.outputs()).isEqualTo(4);
    assertThat(m.parameters()).isEqualTo(4L * 16 + 3 * 4);
    float[] scores = new float[corpus.products().size()];
    m.scoreRelated(0, scores);
    assertThat(scores[4]).isZero();
    assertThat(scores[5]).isZero();
    assertThat(scores[1]).isPositive();
    m.scoreRelated(5, scores); // not covered: no opinion
    assertThat(scores).containsOnly(0f);
  }

  @Test
  void a_batch_of_sessions_scores_as_one_by_one() {
    DenseModel m = DenseTrainer.train(corpus, DenseOptions.from(Params.parse(
        List.of("session-weighting=linear"))), new TrainContext(1, 1, null, null));
    List<int[]> sessions = List.of(new int[] {0, 1}, new int[] {2}, new int[] {3, 4, 0});
    float[][] batch = new float[3][corpus.products().size()];
    m.scoreNextBatch(sessions, batch);
    for (int i = 0; i < 3; i++) {
      float[] one = new float[corpus.products().size()];
      m.scoreNext(sessions.get(i), one);
      for (int p = 0; p < one.length; p++) {
        assertThat(batch[i][p]).isCloseTo(one[p], within(1e-6f));
      }
    }
  }

  @Test
  void bad_options_are_refused_with_the_value() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> DenseOptions.from(
        Params.parse(List.of("batch-size=0"))))).hasMessageContaining("batch-size must be >= 1, was 0");
    assertThat(assertThrows(IllegalArgumentException.class, () -> DenseOptions.from(
        Params.parse(List.of("target=soft"))))).hasMessageContaining("multi-hot, normalized");
  }
}
