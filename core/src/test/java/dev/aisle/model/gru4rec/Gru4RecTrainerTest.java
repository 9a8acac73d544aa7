package dev.aisle.model.gru4rec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.model.Params;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trainer's gradients against numeric differentiation of an independent double-precision
 * forward pass (GRU step, logQ-corrected softmax over the batch's targets and drawn negatives),
 * and its Adagrad-with-momentum steps against the update rule written out, on seven products.
 */
class Gru4RecTrainerTest {
  @TempDir Path dir;
  private Corpus corpus;

  @BeforeEach
  void sessions() {
    corpus = TestShops.ofSessions(dir, "a b c a", "a b", "b c d b e", "a d", "c e a", "e b",
        "f g", "a f a", "d e", "g c b");
  }

  private Gru4RecTrainer trainer(String... params) {
    List<String> p = new ArrayList<>(List.of("layers=4", "batch-size=3", "n-sample=5",
        "dropout-p-hidden=0"));
    p.addAll(List.of(params));
    return Gru4RecTrainer.create(corpus, Gru4RecOptions.from(Params.parse(p)), 3, 1);
  }

  /** The parameters as doubles: wy, by, emb (a separate copy only when unconstrained), GRU. */
  private record Net(double[] wy, double[] by, double[] emb, double[] wih, double[] whh,
      double[] bih, double[] bhh) {
    double[][] all() {
      return emb == wy ? new double[][] {wy, by, wih, whh, bih, bhh}
          : new double[][] {wy, by, emb, wih, whh, bih, bhh};
    }
  }

  private static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  private static Net net(Gru4RecTrainer t, boolean constrained) {
    float[][] w = t.weights();
    double[] wy = toDouble(w[0]);
    return new Net(wy, toDouble(w[1]), constrained ? wy : toDouble(w[2]), toDouble(w[3]),
        toDouble(w[4]), toDouble(w[5]), toDouble(w[6]));
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** The mini-batch's loss, the plain way: one GRU step per row, then softmax cross-entropy. */
  private double loss(Net w, int h, int batchSize, int[] inputs, int[] cols, float[] prev,
      double logq, double alpha) {
    int[] counts = new int[corpus.products().size()];
    for (int e = 0; e < corpus.eventCount(); e++) {
      counts[corpus.item(e)]++;
    }
    int m = inputs.length;
    double total = 0;
    for (int b = 0; b < m; b++) {
      double[] x = new double[h];
      System.arraycopy(w.emb(), inputs[b] * h, x, 0, h);
      double[] gi = new double[3 * h];
      double[] gh = new double[3 * h];
      for (int k = 0; k < 3 * h; k++) {
        gi[k] = w.bih()[k];
        gh[k] = w.bhh()[k];
        for (int i = 0; i < h; i++) {
          gi[k] += w.wih()[k * h + i] * x[i];
          gh[k] += w.whh()[k * h + i] * prev[b * h + i];
        }
      }
      double[] hs = new double[h];
      for (int k = 0; k < h; k++) {
        double r = sigmoid(gi[k] + gh[k]);
        double z = sigmoid(gi[h + k] + gh[h + k]);
        double nn = Math.tanh(gi[2 * h + k] + r * gh[2 * h + k]);
        hs[k] = (1 - z) * nn + z * prev[b * h + k];
      }
      double[] v = new double[cols.length];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < cols.length; j++) {
        v[j] = w.by()[cols[j]];
        for (int k = 0; k < h; k++) {
          v[j] += hs[k] * w.wy()[cols[j] * h + k];
        }
        double q = j < m ? Math.log(counts[cols[j]]) : alpha * Math.log(counts[cols[j]]);
        v[j] -= logq * q;
        max = Math.max(max, v[j]);
      }
      double sum = 0;
      for (double vj : v) {
        sum += Math.exp(vj - max);
      }
      total -= v[b] - max - Math.log(sum);
    }
    return total / batchSize;
  }

  @ParameterizedTest
  @CsvSource({"true, 1", "true, 0", "false, 1"})
  void gradients_match_numeric_differentiation(boolean constrained, double logq) {
    Gru4RecTrainer t = trainer("constrained-embedding=" + constrained, "logq=" + logq,
        "sample-alpha=0.5", "learning-rate=0.3");
    t.gradients();
    t.update();
    t.advance(); // the second step starts from non-zero states
    double reported = t.gradients();
    int h = 4;
    int[] inputs = t.inputs();
    int[] cols = t.columns();
    float[] prev = t.incomingState();
    assertThat(inputs).hasSize(3);
    assertThat(cols).hasSize(8);
    boolean anyState = false;
    for (float v : prev) {
      anyState |= v != 0;
    }
    assertThat(anyState).as("some incoming state is not zero").isTrue();
    Net w = net(t, constrained);
    assertThat(reported).isCloseTo(loss(w, h, 3, inputs, cols, prev, logq, 0.5), within(1e-5));
    int n = corpus.products().size();
    Gru4RecTrainer.RowGradients out = t.outputGradients();
    Gru4RecTrainer.RowGradients in = t.inputGradients();
    float[][] dense = t.denseGradients();
    double[][] params = w.all();
    String[] names = constrained ? new String[] {"wy", "by", "wih", "whh", "bih", "bhh"}
        : new String[] {"wy", "by", "emb", "wih", "whh", "bih", "bhh"};
    double eps = 1e-4;
    int nonZero = 0;
    for (int which = 0; which < params.length; which++) {
      double[] x = params[which];
      for (int i = 0; i < x.length; i++) {
        double analytic;
        switch (names[which]) {
          case "wy": analytic = out.row(i / h)[i % h]; break;
          case "by": analytic = out.biasOf(i); break;
          case "emb": analytic = in.row(i / h)[i % h]; break;
          default: analytic = dense[which - (constrained ? 2 : 3)][i];
        }
        double keep = x[i];
        x[i] = keep + eps;
        double up = loss(w, h, 3, inputs, cols, prev, logq, 0.5);
        x[i] = keep - eps;
        double down = loss(w, h, 3, inputs, cols, prev, logq, 0.5);
        x[i] = keep;
        double numeric = (up - down) / (2 * eps);
        assertThat(analytic).as("d loss / d %s[%d]", names[which], i)
            .isCloseTo(numeric, within(1e-4 + 1e-3 * Math.abs(numeric)));
        if (Math.abs(numeric) > 1e-4) {
          nonZero++;
        }
      }
    }
    assertThat(n).isEqualTo(7);
    assertThat(nonZero).as("gradients that are not trivially zero").isGreaterThan(60);
  }

  @Test
  void adagrad_with_momentum_moves_the_weights_as_the_update_rule_says() {
    Gru4RecTrainer t = trainer("momentum=0.5", "learning-rate=0.1");
    double[] whh = toDouble(t.weights()[4]);
    double[] acc = new double[whh.length];
    double[] mom = new double[whh.length];
    double[] by = toDouble(t.weights()[1]);
    double[] accBy = new double[by.length];
    double[] momBy = new double[by.length];
    for (int step = 0; step < 4; step++) {
      t.gradients();
      float[] g = t.denseGradients()[1];
      for (int i = 0; i < whh.length; i++) {
        acc[i] += (double) g[i] * g[i];
        mom[i] = 0.5 * mom[i] - 0.1 * g[i] / Math.sqrt(acc[i] + 1e-6);
        whh[i] += mom[i];
      }
      Gru4RecTrainer.RowGradients out = t.outputGradients();
      int[] cols = t.columns();
      java.util.Set<Integer> columns = new java.util.TreeSet<>();
      for (int c : cols) {
        columns.add(c);
      }
      for (int p : columns) { // only the columns' biases move, momentum included
        double gb = out.biasOf(p);
        accBy[p] += gb * gb;
        momBy[p] = 0.5 * momBy[p] - 0.1 * gb / Math.sqrt(accBy[p] + 1e-6);
        by[p] += momBy[p];
      }
      t.update();
      t.advance();
    }
    float[] actual = t.weights()[4];
    for (int i = 0; i < whh.length; i++) {
      assertThat((double) actual[i]).as("whh[%d]", i).isCloseTo(whh[i], within(1e-5));
    }
    float[] actualBy = t.weights()[1];
    for (int p = 0; p < by.length; p++) {
      assertThat((double) actualBy[p]).as("by[%d]", p).isCloseTo(by[p], within(1e-5));
    }
  }

  /**
   * 80 units make the update large enough to be split over two threads, while the step's
   * matrix products stay small enough for one: the weights must come out the same to the bit.
   */
  @Test
  void two_threads_update_the_weights_exactly_as_one() {
    List<String> p = List.of("layers=80", "batch-size=3", "n-sample=5", "dropout-p-hidden=0",
        "momentum=0.4");
    Gru4RecOptions o = Gru4RecOptions.from(Params.parse(p));
    Gru4RecTrainer one = Gru4RecTrainer.create(corpus, o, 3, 1);
    Gru4RecTrainer two = Gru4RecTrainer.create(corpus, o, 3, 2);
    for (int step = 0; step < 5; step++) {
      for (Gru4RecTrainer t : List.of(one, two)) {
        t.gradients();
        t.update();
        t.advance();
      }
    }
    float[][] a = one.weights();
    float[][] b = two.weights();
    for (int i = 0; i < a.length; i++) {
      assertThat(b[i]).as("weights %d", i).containsExactly(a[i]);
    }
  }

  @Test
  void steps_on_the_same_batch_lower_its_loss() {
    Gru4RecTrainer t = trainer("n-sample=0", "learning-rate=0.2", "momentum=0");
    double first = t.gradients();
    double last = first;
    for (int step = 0; step < 30; step++) {
      t.update();
      last = t.gradients();
    }
    assertThat(last).isLessThan(0.5 * first);
  }
}
