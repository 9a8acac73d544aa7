package dev.aisle.tune;

import dev.aisle.BadInputException;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.eval.Evaluator;
import dev.aisle.eval.TestSessions;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Searches each algorithm's hyperparameters ({@link SearchSpace}) against next-item HR@k or
 * MRR@k on a {@link ValidationSplit} of the training data, within a wall-time budget.
 *
 * <p>Per algorithm, with {@code T} trials at most: its defaults first; then {@code (T-1)/2}
 * quasi-random settings ({@link QuasiRandom}) scored on every third validation session; the best
 * third of those scored again on all of them (one round of successive halving, Jamieson and
 * Talwalkar, AISTATS 2016); the remaining trials move around the best setting so far by a
 * Gaussian step in the unit cube that shrinks as they go (local refinement). Composite algorithms
 * ({@code hybrid}, {@code rank}) are searched last and take their parts' tuned settings.
 *
 * <p>The budget is shared out as the search goes: each algorithm may use the time left divided by
 * the number of algorithms left, so time a cheap algorithm does not need passes to the next. A
 * trial is not started when the slowest trial of its kind so far would not end in time, and one
 * running past the end is abandoned (iterative trainers stop after the epoch, evaluations
 * between batches). With one thread, the same seed and a budget that stops no search, the result
 * is the same, bit for bit; {@link TunedAlgorithm#stoppedByBudget} says when the budget cut a
 * search short.
 *
 * <pre>
 * ValidationSplit split = ValidationSplit.latestFraction(train, 0.1);
 * TunedConfig tuned = Tuner.tune(train, split, List.of(Algorithm.SKNN),
 *     new Tuner.Options(Tuner.Metric.MRR, 20, Duration.ofMinutes(5), 42, 1, 40), System.err::println);
 * </pre>
 */
public final class Tuner {
  /** The low-fidelity rung scores every this-many-th validation session. */
  static final int SUBSET_STEP = 3;

  private Tuner() {}

  /**
   * The objective: HR@k, MRR@k, or their sum ({@code both}), which keeps a search for hit rate
   * from trading away the rank of the hit.
   */
  public enum Metric {
    HR, MRR, BOTH;

    /** Parses {@code hr}, {@code mrr} or {@code both}. */
    public static Metric parse(String s) {
      for (Metric m : values()) {
        if (m.name().equalsIgnoreCase(s.trim())) {
          return m;
        }
      }
      throw new IllegalArgumentException("--metric must be hr, mrr or both, was '" + s + "'");
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How to search.
   *
   * @param metric what to maximise (HR breaks ties of MRR and of the sum, MRR ties of HR)
   * @param k the cut-off of HR@k and MRR@k
   * @param budget wall time for the whole search
   * @param seed seeds the quasi-random points, the refinement steps and every trial's training
   * @param threads training and evaluation threads
   * @param trials trials per algorithm at most, including its defaults
   */
  public record Options(Metric metric, int k, Duration budget, long seed, int threads,
      int trials) {
    public Options {
      if (k < 1) {
        throw new IllegalArgumentException("k must be >= 1, was " + k);
      }
      if (budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("--budget must be > 0, was " + budget);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, was " + threads);
      }
      if (trials < 1) {
        throw new IllegalArgumentException("--trials must be >= 1, was " + trials);
      }
    }
  }

  /**
   * Tunes {@code algorithms} on {@code split}, a split of {@code train}.
   *
   * @param log receives one line per trial, for people watching
   * @throws BadInputException when the budget ends before any trial finished
   */
  public static TunedConfig tune(Corpus train, ValidationSplit split, List<Algorithm> algorithms,
      Options options, Consumer<String> log) {
    List<Algorithm> order = new ArrayList<>(algorithms);
    order.sort(Comparator.comparingInt(a -> SearchSpace.parts(a).isEmpty() ? 0 : 1));
    long start = System.nanoTime();
    long end = start + options.budget().toNanos();
    Map<Algorithm, TunedAlgorithm> done = new LinkedHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      Algorithm a = order.get(i);
      long now = System.nanoTime();
      long until = now + Math.max(0, end - now) / (order.size() - i);
      Map<String, String> base = new TreeMap<>();
      for (Algorithm part : SearchSpace.parts(a)) {
        TunedAlgorithm t = done.get(part);
        if (t != null) {
          t.best().forEach((name, value) -> base.put(part.label() + "." + name, value));
        }
      }
      TunedAlgorithm t = new Search(a, base, split, options, until, end, log).run();
      done.put(a, t);
      if (log != null) {
        log.accept(String.format(Locale.ROOT, "%s: best %s%s", a.label(), t.tuned()
            ? String.format(Locale.ROOT, "HR@%d %.4f MRR@%d %.4f with %s", options.k(), t.hr(),
                options.k(), t.mrr(), t.best().isEmpty() ? "the defaults" : t.best())
            : "unknown: no trial finished in its share of the budget, defaults kept",
            t.stoppedByBudget() ? " (budget reached)" : ""));
      }
    }
    if (done.values().stream().noneMatch(TunedAlgorithm::tuned)) {
      throw new BadInputException(String.format(Locale.ROOT, "--budget %s is too short for "
          + "one trial: %s's first trial did not finish; give a longer --budget",
          describe(options.budget()), order.get(0).label()));
    }
    Map<String, TunedAlgorithm> byLabel = new LinkedHashMap<>();
    for (Algorithm a : algorithms) {
      byLabel.put(a.label(), done.get(a));
    }
    return new TunedConfig(TunedConfig.FORMAT, TunedConfig.VERSION,
        new TunedConfig.CorpusRef(CorpusFile.checksum(train), train.sessionCount(),
            train.eventCount()),
        new TunedConfig.Protocol(split.describe(), split.fit().sessionCount(),
            split.validation().sessions().size(), split.validation().predictions(),
            options.metric().label(), options.k(), options.seed(), options.threads(),
            options.budget().toSeconds(), options.trials()),
        byLabel);
  }

  /** {@code 20m}, {@code 1m30s}, {@code 45s}, {@code 5ms}. */
  static String describe(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() % 1000 != 0 && s < 60) {
      return d.toMillis() + "ms";
    }
    if (s < 60) {
      return s + "s";
    }
    return s % 60 == 0 ? s / 60 + "m" : s / 60 + "m" + s % 60 + "s";
  }

  /** The search of one algorithm. Not thread-safe. */
  private static final class Search {
    private final Algorithm algorithm;
    private final Map<String, String> base;
    private final List<Dimension> dims;
    private final Options options;
    private final long until;
    private final long end;
    private final Consumer<String> log;
    private final TestSessions full;
    private final TestSessions subset;
    private final Corpus fit;
    private final List<Trial> trials = new ArrayList<>();
    private final Map<Double, Long> slowest = new TreeMap<>();
    private final java.util.Set<List<Object>> tried = new java.util.HashSet<>();
    private boolean outOfTime;

    Search(Algorithm algorithm, Map<String, String> base, ValidationSplit split, Options options,
        long until, long end, Consumer<String> log) {
      this.algorithm = algorithm;
      this.base = base;
      this.dims = SearchSpace.of(algorithm);
      this.options = options;
      this.until = until;
      this.end = end;
      this.log = log;
      this.full = split.validation();
      this.subset = split.subset(SUBSET_STEP);
      this.fit = split.fit();
    }

    TunedAlgorithm run() {
      Trial best = run("defaults", 1.0, base, true);
      double[] bestPoint = null;
      int t = options.trials();
      int samples = dims.isEmpty() ? 0 : (t - 1) / 2;
      int promoted = (samples + 2) / 3;
      int refine = dims.isEmpty() ? 0 : t - 1 - samples - promoted;
      QuasiRandom points = new QuasiRandom(dims.size(), options.seed() + algorithm.ordinal());
      List<double[]> sampled = new ArrayList<>();
      List<Trial> rung = new ArrayList<>();
      for (int i = 0; i < samples && !outOfTime; i++) {
        double[] u = points.next();
        Trial trial = run("sample", subsetFidelity(), params(u), false);
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
      for (int i = 0; i < Math.min(promoted, byScore.size()) && !outOfTime; i++) {
        double[] u = sampled.get(byScore.get(i));
        Trial trial = run("promoted", 1.0, params(u), false);
        if (better(trial, best)) {
          best = trial;
        }
        if (trial != null && trial.finished() && (bestPoint == null || trial == best)) {
          bestPoint = u;
        }
      }
      SplittableRandom random = new SplittableRandom(options.seed() * 31 + algorithm.ordinal());
      for (int i = 0; i < refine && bestPoint != null && !outOfTime; i++) {
        double step = 0.03 + 0.12 * (1 - (double) i / refine);
        double[] u = new double[bestPoint.length];
        for (int d = 0; d < u.length; d++) {
          u[d] = Math.min(1, Math.max(0, bestPoint[d] + step * gaussian(random)));
        }
        Trial trial = run("refine", 1.0, params(u), false);
        if (better(trial, best)) {
          best = trial;
          bestPoint = u;
        }
      }
      boolean finished = best != null && best.finished();
      return new TunedAlgorithm(finished ? best.params() : base, finished ? best.hr() : null,
          finished ? best.mrr() : null, outOfTime, List.copyOf(trials));
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
     * Runs one trial unless it would not end in time or the same setting already ran at this
     * fidelity (a small space, e.g. pop's, repeats itself); null when not run.
     */
    private Trial run(String phase, double fidelity, Map<String, String> params, boolean first) {
      if (!tried.add(List.of(fidelity, params))) {
        return null;
      }
      long start = System.nanoTime();
      Long slow = slowest.get(fidelity);
      if (!first && (start >= until || (slow != null && start + slow > until))) {
        outOfTime = true;
        return null;
      }
      java.util.function.BooleanSupplier late = () -> System.nanoTime() > until;
      Double hr = null;
      Double mrr = null;
      String status;
      try {
        Algorithm.Training training = algorithm.prepare(new Params(params));
        Recommender model = training.train(fit, new TrainContext(options.seed(),
            options.threads(), null, null, late));
        double[] scores = late.getAsBoolean() ? null : Evaluator.hitRateAndMrr(model,
            fidelity == 1.0 ? full : subset, options.k(), options.threads(), late);
        if (scores == null) {
          status = "out of time";
          outOfTime = true;
        } else {
          hr = scores[0];
          mrr = scores[1];
          status = "ok";
        }
      } catch (IllegalArgumentException e) {
        status = "failed: " + e.getMessage();
      }
      long nanos = System.nanoTime() - start;
      if (hr != null) {
        slowest.merge(fidelity, nanos, Math::max);
      }
      Trial trial = new Trial(trials.size() + 1, phase, round(fidelity), params, hr, mrr,
          status);
      trials.add(trial);
      if (log != null) {
        log.accept(String.format(Locale.ROOT, "%s: trial %d/%d %-8s %s  %.1f s, %s left",
            algorithm.label(), trial.number(), options.trials(), phase, hr == null ? status
                : String.format(Locale.ROOT, "HR@%d %.4f MRR@%d %.4f%s", options.k(), hr,
                    options.k(), mrr, fidelity < 1 ? " (a third of the sessions)" : ""),
            nanos / 1e9, describe(Duration.ofSeconds(Math.max(0, (end - System.nanoTime())
                / 1_000_000_000L)))));
      }
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
