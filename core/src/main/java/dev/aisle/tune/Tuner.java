package dev.aisle.tune;

import dev.aisle.BadInputException;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.modelfile.Algorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * <p>{@code --budget} is wall time for everything, and no trial carries the search past it.
 * First every algorithm runs its defaults, which measures what its trials cost (training, and
 * scoring all or a third of the validation sessions); then each searches in turn. Each step may
 * use a share of the time left: water-filled among the algorithms still to search ({@link
 * Budget#shares}), so a cheap algorithm gets what its remaining trials need and the slow ones
 * split the rest equally; time an algorithm does not use passes on. Within its share an
 * algorithm plans as many trials as the measured cost allows (fewer samples and promotions, in
 * the same proportions; too few samples to halve are scored on all sessions instead), keeps time
 * to promote what it sampled, and starts no trial that the slowest of its kind says would not end
 * in time. A trial still running when the share ends is cancelled ({@link
 * dev.aisle.model.TrainContext#cancel}: iterative trainers check per batch or chunk, the dense
 * network inside its matrix products, the others between phases, evaluations between batches of
 * 256 prefixes) and recorded as abandoned; one whose trainer does not check (XGBoost inside
 * {@code rank}) is left behind {@link TrialRunner#GRACE} after the deadline. An algorithm whose
 * defaults are abandoned is skipped with its defaults kept ({@link TunedAlgorithm#skipped}), and
 * so is a composite whose parts include it. With one thread, the same seed and a budget that
 * stops no search, the result is the same, bit for bit; {@link TunedAlgorithm#stoppedByBudget}
 * says when the budget cut a search short.
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
   * Tunes {@code algorithms} on {@code split}, a split of {@code train}, with the budget starting
   * now.
   *
   * @param log receives one line per trial and a summary, for people watching; or null
   * @throws BadInputException when the budget ends before any trial finished
   */
  public static TunedConfig tune(Corpus train, ValidationSplit split, List<Algorithm> algorithms,
      Options options, Consumer<String> log) {
    return tune(train, split, algorithms, options, System.nanoTime(), log);
  }

  /**
   * As {@link #tune(Corpus, ValidationSplit, List, Options, Consumer)}, with the budget started
   * at {@code since} ({@link System#nanoTime}), e.g. before the corpus was read.
   */
  public static TunedConfig tune(Corpus train, ValidationSplit split, List<Algorithm> algorithms,
      Options options, long since, Consumer<String> log) {
    Consumer<String> say = log != null ? log : line -> { };
    List<Algorithm> order = new ArrayList<>(algorithms);
    order.sort(Comparator.comparingInt(a -> SearchSpace.parts(a).isEmpty() ? 0 : 1));
    Budget budget = new Budget(since, options.budget());
    Map<Algorithm, Search> searches = new LinkedHashMap<>();
    // round 1: the defaults of every algorithm without parts, which measures what its trials cost
    for (Algorithm a : order) {
      if (SearchSpace.parts(a).isEmpty()) {
        Search s = new Search(a, Map.of(), split, options, budget, say);
        searches.put(a, s);
        s.first(deadline(a, order, searches, budget));
      }
    }
    // round 2: the rest of each search, composites last with their parts' tuned settings
    Map<Algorithm, TunedAlgorithm> done = new LinkedHashMap<>();
    for (Algorithm a : order) {
      Search s = searches.get(a);
      if (s == null) {
        s = new Search(a, tunedParts(a, done), split, options, budget, say);
        searches.put(a, s);
        Algorithm slow = skippedPart(a, searches);
        if (slow != null) {
          s.skip("its trials train " + slow.label() + ", which was skipped");
        } else {
          long until = deadline(a, order, searches, budget);
          s.first(until);
          s.rest(until);
        }
      } else if (!s.finished()) {
        s.rest(deadline(a, order, searches, budget));
      }
      TunedAlgorithm t = s.result();
      done.put(a, t);
      say.accept(String.format(Locale.ROOT, "%s: best %s%s", a.label(), t.tuned()
          ? String.format(Locale.ROOT, "HR@%d %.4f MRR@%d %.4f with %s", options.k(), t.hr(),
              options.k(), t.mrr(), t.best().isEmpty() ? "the defaults" : t.best())
          : "unknown: no trial finished in its share of the budget, defaults kept",
          t.stoppedByBudget() ? " (budget reached)" : ""));
    }
    say.accept("summary: " + budget.summary());
    for (Search s : searches.values()) {
      say.accept(String.format(Locale.ROOT, "summary: %-9s %3d trials in %s, %s%s",
          s.algorithm().label(), s.trialCount(), Search.seconds(s.spent()),
          Budget.perMinute(s.trialCount(), s.spent()), s.skipped() ? " (skipped)" : ""));
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

  /**
   * When {@code a}'s share of the time left ends: the water-filled share ({@link Budget#shares})
   * among the algorithms whose search is not over, each claiming what its remaining trials are
   * expected to cost (an unknown cost claims an equal part), plus any time that no claim needs.
   */
  private static long deadline(Algorithm a, List<Algorithm> order, Map<Algorithm, Search> searches,
      Budget budget) {
    List<Algorithm> pending = new ArrayList<>();
    List<Double> needs = new ArrayList<>();
    for (Algorithm x : order) {
      Search s = searches.get(x);
      if (s == null && skippedPart(x, searches) == null) {
        pending.add(x);
        needs.add(Double.POSITIVE_INFINITY);
      } else if (s != null && !s.finished()) {
        pending.add(x);
        needs.add(s.need());
      }
    }
    long now = System.nanoTime();
    long available = Math.max(0, budget.end() - now);
    long[] shares = Budget.shares(available,
        needs.stream().mapToDouble(Double::doubleValue).toArray());
    // time no claim needs (every cost known and met) is a's too: estimates are rough
    return now + shares[pending.indexOf(a)] + available - Arrays.stream(shares).sum();
  }

  /** The tuned settings of {@code a}'s parts, as {@code part.name=value} parameters. */
  private static Map<String, String> tunedParts(Algorithm a, Map<Algorithm, TunedAlgorithm> done) {
    Map<String, String> base = new TreeMap<>();
    for (Algorithm part : SearchSpace.parts(a)) {
      TunedAlgorithm t = done.get(part);
      if (t != null) {
        t.best().forEach((name, value) -> base.put(part.label() + "." + name, value));
      }
    }
    return base;
  }

  /**
   * A part of {@code a} that was skipped, whose first trial did not finish in a share like the
   * one {@code a} would have: every trial of {@code a} trains it. Null when there is none.
   */
  private static Algorithm skippedPart(Algorithm a, Map<Algorithm, Search> searches) {
    for (Algorithm part : SearchSpace.parts(a)) {
      Search s = searches.get(part);
      if (s != null && s.skipped()) {
        return part;
      }
    }
    return null;
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
}
