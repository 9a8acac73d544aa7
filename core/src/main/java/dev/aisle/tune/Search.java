package dev.aisle.tune;

import dev.aisle.corpus.Corpus;
import dev.aisle.eval.Evaluator;
import dev.aisle.eval.TestSessions;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The search of one algorithm, in two calls: {@link #first} runs its defaults, which measures
 * what a trial costs; {@link #rest} runs the quasi-random samples on a third of the validation
 * sessions, the best third of them on all, then the refinement moves (see {@link Tuner}), as many
 * as that cost says fit before its deadline. When it pays for fewer than {@link #MIN_RUNG}
 * samples, the few it pays for are scored on all sessions instead, without halving.
 *
 * <p>Every trial trains and scores under a cancellation deadline ({@link TrainContext#cancel}):
 * one still running when its algorithm's share of the budget ends is abandoned there and
 * recorded as {@value #ABANDONED}; a trainer that does not check is waited for only {@link
 * TrialRunner#GRACE} longer. When that is the first trial, the algorithm is skipped: its
 * defaults are kept. Not thread-safe.
 */
final class Search {
  /** The status of a trial cancelled at its deadline. */
  static final String ABANDONED = "abandoned";

  /** Fewer samples than this are not worth a rung of successive halving. */
  static final int MIN_RUNG = 3;

  /** Finite cost estimates are claimed with this margin: trials of one algorithm vary. */
  static final double MARGIN = 1.5;

  private final Algorithm algorithm;
  private final Map<String, String> base;
  private final List<Dimension> dims;
  private final Tuner.Options options;
  private final Budget budget;
  private final Consumer<String> log;
  private final TestSessions full;
  private final TestSessions subset;
  private final Corpus fit;
  private final List<Trial> trials = new ArrayList<>();
  private final Map<Double, Long> slowest = new TreeMap<>();
  private final Set<List<Object>> tried = new HashSet<>();
  private final TrialRunner runner;
  private long until;
  private long spent;
  private double trainNanos = Double.NaN; // of the first trial, when it finished
  private double scoreNanos = Double.NaN;
  private Trial best;
  private boolean firstRun;
  private boolean finished;
  private boolean skipped;
  private boolean cut;
  private boolean abandoned;

  /**
   * @param base parameters every trial has (a composite's tuned parts)
   * @param log receives one line per trial
   */
  Search(Algorithm algorithm, Map<String, String> base, ValidationSplit split,
      Tuner.Options options, Budget budget, Consumer<String> log) {
    this.algorithm = algorithm;
    this.base = base;
    this.dims = SearchSpace.of(algorithm);
    this.options = options;
    this.budget = budget;
    this.log = log;
    this.full = split.validation();
    this.subset = split.subset(Tuner.SUBSET_STEP);
    this.fit = split.fit();
    this.runner = new TrialRunner(algorithm, fit, options, log);
  }

  Algorithm algorithm() {
    return algorithm;
  }

  /** Runs the defaults, abandoned at {@code deadline} ({@link System#nanoTime}). */
  void first(long deadline) {
    until = deadline;
    firstRun = true;
    best = run("defaults", 1.0, base);
    if (abandoned) {
      skip(String.format(Locale.ROOT, "its first trial (the defaults) did not finish in its "
          + "share of the budget (%s)", seconds(spent)));
    }
  }

  /** Skips the search, keeping the defaults, and says why. */
  void skip(String why) {
    skipped = true;
    finished = true;
    log.accept(String.format(Locale.ROOT, "%s: skipped: %s; its defaults are kept (a longer "
        + "--budget gives it time)", algorithm.label(), why));
  }

  /** True when it was skipped: its first trial could not finish in its share. */
  boolean skipped() {
    return skipped;
  }

  /** True when its search is over. */
  boolean finished() {
    return finished;
  }

  /** Nanoseconds its trials took. */
  long spent() {
    return spent;
  }

  /** Trials run. */
  int trialCount() {
    return trials.size();
  }

  /**
   * Nanoseconds its remaining trials are expected to take, with a {@link #MARGIN}: 0 when the
   * search is over, infinite while no trial measured the cost.
   */
  double need() {
    if (finished) {
      return 0;
    }
    if (!firstRun || Double.isNaN(trainNanos)) {
      return Double.POSITIVE_INFINITY;
    }
    return MARGIN * cost(options.trials(), !dims.isEmpty(), subsetNanos(), fullNanos());
  }

  /** Runs the rest of the search, up to {@code deadline} ({@link System#nanoTime}). */
  void rest(long deadline) {
    until = deadline;
    if (finished) {
      return;
    }
    int t = options.trials();
    if (!Double.isNaN(trainNanos)) {
      int planned = plan(t, !dims.isEmpty(), subsetNanos(), fullNanos(),
          (double) (until - System.nanoTime()));
      cut = planned < t;
      if (cut && !dims.isEmpty() && samples(planned, true) < MIN_RUNG) {
        sampleOnAll(t - 1);
        finished = true;
        return;
      }
      t = planned;
    }
    int samples = samples(t, !dims.isEmpty());
    int promoted = promoted(samples);
    int refine = dims.isEmpty() ? 0 : t - 1 - samples - promoted;
    double[] bestPoint = null;
    QuasiRandom points = new QuasiRandom(dims.size(), options.seed() + algorithm.ordinal());
    List<double[]> sampled = new ArrayList<>();
    List<Trial> rung = new ArrayList<>();
    for (int i = 0; i < samples && !abandoned; i++) {
      double[] u = points.next();
      // leave time to promote what was sampled: a rung nobody climbs chose nothing
      if (!fits(subsetFidelity(), Math.min(promoted, rung.size() + 1) * estimate(1.0))) {
        cut = true;
        break;
      }
      Trial trial = run("sample", subsetFidelity(), params(u));
      if (trial != null && trial.finished()) {
        sampled.add(u);
        rung.add(trial);
      }
    }
    List<Integer> byScore = new ArrayList<>();
    for (int i = 0; i < rung.size(); i++) {
      byScore.add(i);
    }
    byScore.sort((x, y) -> compare(rung.get(y), rung.get(x)));
    for (int i = 0; i < Math.min(promoted, byScore.size()) && !abandoned; i++) {
      if (!fits(1.0, 0)) {
        cut = true;
        break;
      }
      double[] u = sampled.get(byScore.get(i));
      Trial trial = run("promoted", 1.0, params(u));
      if (better(trial, best)) {
        best = trial;
      }
      if (trial != null && trial.finished() && (bestPoint == null || trial == best)) {
        bestPoint = u;
      }
    }
    SplittableRandom random = new SplittableRandom(options.seed() * 31 + algorithm.ordinal());
    for (int i = 0; i < refine && bestPoint != null && !abandoned; i++) {
      double step = 0.03 + 0.12 * (1 - (double) i / refine);
      double[] u = new double[bestPoint.length];
      for (int d = 0; d < u.length; d++) {
        u[d] = Math.min(1, Math.max(0, bestPoint[d] + step * gaussian(random)));
      }
      if (!fits(1.0, 0)) {
        cut = true;
        break;
      }
      Trial trial = run("refine", 1.0, params(u));
      if (better(trial, best)) {
        best = trial;
        bestPoint = u;
      }
    }
    finished = true;
  }

  /**
   * When the share pays for too few samples to halve: as many quasi-random settings as it pays
   * for, at most {@code most}, each scored on all validation sessions.
   */
  private void sampleOnAll(int most) {
    QuasiRandom points = new QuasiRandom(dims.size(), options.seed() + algorithm.ordinal());
    long paid = (long) ((until - System.nanoTime()) / fullNanos());
    for (int i = 0; i < Math.min(most, paid) && !abandoned && fits(1.0, 0); i++) {
      Trial trial = run("sample", 1.0, params(points.next()));
      if (better(trial, best)) {
        best = trial;
      }
    }
  }

  /** What the search found. */
  TunedAlgorithm result() {
    boolean tuned = best != null && best.finished();
    return new TunedAlgorithm(tuned ? best.params() : base, tuned ? best.hr() : null,
        tuned ? best.mrr() : null, cut || abandoned, skipped, List.copyOf(trials));
  }

  /** Quasi-random samples among {@code t} trials. */
  static int samples(int t, boolean searched) {
    return searched ? (t - 1) / 2 : 0;
  }

  /** Samples promoted to all validation sessions: the best third. */
  static int promoted(int samples) {
    return (samples + 2) / 3;
  }

  /** Nanoseconds of trials 2 to {@code t}, with the costs of a sample and of a full trial. */
  static double cost(int t, boolean searched, double sample, double full) {
    int samples = samples(t, searched);
    int promoted = promoted(samples);
    int refine = searched ? t - 1 - samples - promoted : 0;
    return samples * sample + (double) (promoted + refine) * full;
  }

  /**
   * The most trials, at most {@code max}, whose {@link #cost} fits in {@code available}
   * nanoseconds, at least 1 (the defaults, already run).
   */
  static int plan(int max, boolean searched, double sample, double full, double available) {
    int t = max;
    while (t > 1 && cost(t, searched, sample, full) > available) {
      t--;
    }
    return t;
  }

  private double fullNanos() {
    return trainNanos + scoreNanos;
  }

  private double subsetNanos() {
    return trainNanos + scoreNanos * subsetFidelity();
  }

  /** The slowest finished trial at {@code fidelity}, else the first trial's estimate, else 0. */
  private double estimate(double fidelity) {
    Long slow = slowest.get(fidelity);
    if (slow != null) {
      return slow;
    }
    if (Double.isNaN(trainNanos)) {
      return 0;
    }
    return fidelity == 1.0 ? fullNanos() : subsetNanos();
  }

  /** True when a trial at {@code fidelity} and {@code reserve} more nanoseconds end in time. */
  private boolean fits(double fidelity, double reserve) {
    return System.nanoTime() + estimate(fidelity) + reserve <= until;
  }

  private double subsetFidelity() {
    return (double) subset.predictions() / full.predictions();
  }

  private Map<String, String> params(double[] u) {
    Map<String, String> p = new TreeMap<>(base);
    p.putAll(SearchSpace.at(algorithm, u));
    return p;
  }

  /**
   * Runs one trial unless the same setting already ran at this fidelity (a small space, e.g.
   * pop's, repeats itself); null when not run.
   */
  private Trial run(String phase, double fidelity, Map<String, String> params) {
    if (!tried.add(List.of(fidelity, params))) {
      return null;
    }
    long start = System.nanoTime();
    TrialRunner.Outcome o = runner.run(params, fidelity == 1.0 ? full : subset, until, start);
    long end = System.nanoTime();
    long nanos = end - start;
    spent += nanos;
    abandoned |= o.status().equals(ABANDONED);
    if (o.hr() != null) {
      slowest.merge(fidelity, nanos, Math::max);
      if (trials.isEmpty()) {
        trainNanos = o.trained() - start;
        scoreNanos = end - o.trained();
      }
    }
    Trial trial = new Trial(trials.size() + 1, phase, round(fidelity), params, o.hr(), o.mrr(),
        o.status());
    trials.add(trial);
    budget.counted();
    log.accept(String.format(Locale.ROOT, "%s: trial %d/%d %-8s %s  %s | %s",
        algorithm.label(), trial.number(), options.trials(), phase, o.hr() == null
            ? (abandoned ? "abandoned at its deadline" : o.status())
            : String.format(Locale.ROOT, "HR@%d %.4f MRR@%d %.4f%s", options.k(), o.hr(),
                options.k(), o.mrr(), fidelity < 1 ? " (a third of the sessions)" : ""),
        seconds(nanos), budget.pace()));
    return trial;
  }

  /** True when {@code a} finished on all validation sessions and beats {@code b}. */
  private boolean better(Trial a, Trial b) {
    if (a == null || !a.finished() || a.fidelity() < 1) {
      return false;
    }
    return b == null || !b.finished() || compare(a, b) > 0;
  }

  private int compare(Trial a, Trial b) {
    double[] x = objective(a);
    double[] y = objective(b);
    int c = Double.compare(x[0], y[0]);
    return c != 0 ? c : Double.compare(x[1], y[1]);
  }

  private double[] objective(Trial t) {
    switch (options.metric()) {
      case HR:
        return new double[] {t.hr(), t.mrr()};
      case MRR:
        return new double[] {t.mrr(), t.hr()};
      default:
        return new double[] {t.hr() + t.mrr(), t.hr()};
    }
  }

  /** {@code 4.2 s}, or {@code 2m26s} from a minute on. */
  static String seconds(long nanos) {
    return nanos < 60_000_000_000L ? String.format(Locale.ROOT, "%.1f s", nanos / 1e9)
        : Tuner.describe(Duration.ofSeconds(nanos / 1_000_000_000L));
  }

  private static double round(double x) {
    return Math.round(x * 1e6) / 1e6;
  }

  /** A standard normal draw (Box-Muller), from the seeded generator only. */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
