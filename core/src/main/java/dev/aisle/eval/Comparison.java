package dev.aisle.eval;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.model.FeatureGains;
import dev.aisle.model.ModelInfo;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Trains several algorithms on one training corpus and evaluates each on the same test sessions:
 * the table of {@code aisle evaluate}.
 */
public final class Comparison {
  private Comparison() {}

  /**
   * HR@k and MRR@k of a model after one epoch of training.
   *
   * @param epoch 1-based
   * @param hr HR@k, k the largest cut-off
   * @param mrr MRR@k
   */
  public record CurvePoint(int epoch, double hr, double mrr) {
    /** As JSON: exactly {@code epoch}, {@code hr}, {@code mrr} (dashboards read these keys). */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("epoch", epoch);
      m.put("hr", hr);
      m.put("mrr", mrr);
      return m;
    }
  }

  /**
   * How an early-stopped model was chosen.
   *
   * @param validationSessions sessions carved off the end of the training corpus to validate on
   * @param patience epochs without a better validation HR@k before training stopped
   * @param bestEpoch the epoch whose model was kept
   * @param epochsRun epochs trained before stopping
   * @param validation HR@k and MRR@k on the validation sessions after every epoch
   */
  public record EarlyStop(int validationSessions, int patience, int bestEpoch, int epochsRun,
      List<CurvePoint> validation) {}

  /**
   * What {@code aisle evaluate} records besides the final metrics.
   *
   * @param curve record HR@k and MRR@k on the test sessions after every epoch of the iterative
   *     algorithms ({@link Algorithm#iterative})
   * @param earlyStop train the iterative algorithms on all but the last {@code
   *     validationFraction} of the training sessions, validate after every epoch, stop after
   *     {@code patience} epochs without a better validation HR@k and keep the best epoch's model
   * @param patience see {@code earlyStop}, at least 1
   * @param validationFraction see {@code earlyStop}, in (0, 0.5]
   */
  public record Options(boolean curve, boolean earlyStop, int patience,
      double validationFraction) {
    public Options {
      if (patience < 1) {
        throw new IllegalArgumentException("patience must be >= 1, was " + patience);
      }
      if (!(validationFraction > 0 && validationFraction <= 0.5)) {
        throw new IllegalArgumentException("validation fraction must be in (0, 0.5], was "
            + validationFraction);
      }
    }

    /** No curves, no early stopping. */
    public static Options none() {
      return new Options(false, false, 2, 0.1);
    }
  }

  /**
   * One model's line of the table.
   *
   * @param model the algorithm name
   * @param metrics metric name to value
   * @param trainSeconds wall time of training (without the evaluations of a curve or early stop)
   * @param modelBytes size of the model file
   * @param p50Millis median prediction time
   * @param p99Millis 99th percentile prediction time
   * @param info how the model was made
   * @param curve HR@k and MRR@k on the test sessions after every epoch when asked for (empty for
   *     an algorithm without epochs), else null
   * @param earlyStop how the model was chosen when stopped early, else null
   * @param featureGain the gain of each feature of a learned ranker ({@link FeatureGains}),
   *     largest first, else null
   * @param byKind HR@k and MRR@k by the next product's kind ({@link NextKinds}), else null
   * @param servedTies HR@k and MRR@k with ties broken as served ({@link
   *     Evaluator.Result#servedTies}), else null
   */
  public record Row(String model, Map<String, Double> metrics, double trainSeconds,
      long modelBytes, double p50Millis, double p99Millis, ModelInfo info,
      List<CurvePoint> curve, EarlyStop earlyStop, Map<String, Double> featureGain,
      Map<String, Map<String, Double>> byKind, Map<String, Double> servedTies) {

    /** A row without curve, early stop, gains, kinds or served ties. */
    public Row(String model, Map<String, Double> metrics, double trainSeconds, long modelBytes,
        double p50Millis, double p99Millis, ModelInfo info) {
      this(model, metrics, trainSeconds, modelBytes, p50Millis, p99Millis, info, null, null,
          null, null, null);
    }

    /** The row as the JSON object of {@code --json}: metrics first, then cost. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", model);
      m.putAll(metrics);
      m.put("train_seconds", trainSeconds);
      m.put("model_bytes", modelBytes);
      m.put("p50_ms", p50Millis);
      m.put("p99_ms", p99Millis);
      m.put("options", info.options());
      if (curve != null) {
        m.put("curve", curve.stream().map(CurvePoint::toMap).toList());
      }
      if (earlyStop != null) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("validation_sessions", earlyStop.validationSessions());
        e.put("patience", earlyStop.patience());
        e.put("best_epoch", earlyStop.bestEpoch());
        e.put("epochs_run", earlyStop.epochsRun());
        e.put("validation", earlyStop.validation().stream().map(CurvePoint::toMap).toList());
        m.put("early_stop", e);
      }
      if (featureGain != null) {
        m.put("feature_gain", featureGain);
      }
      if (byKind != null) {
        m.put("by_next_kind", byKind);
      }
      if (servedTies != null) {
        m.put("served_ties", servedTies);
      }
      return m;
    }
  }

  /** While a model trains or is evaluated, a log line at most this often. */
  static final long HEARTBEAT_NANOS = 30_000_000_000L;

  /**
   * The training progress of {@code a} for the log, with the epochs finished so far ({@code
   * epochs[0]}, 0 for none yet or a model without epochs), or none without a log.
   */
  static java.util.function.LongConsumer trainingProgress(Heartbeat beat, Algorithm a,
      int[] epochs) {
    return beat == null ? null : beat.listener(done -> a.label() + ": training" + (epochs[0] == 0
        ? "" : ", " + epochs[0] + (epochs[0] == 1 ? " epoch" : " epochs") + " done"));
  }

  /**
   * What {@link #run} gives.
   *
   * @param rows one per algorithm that trained, in the order asked for
   * @param notTrained why each of the others could not train on this data (the dense network over
   *     more products than the heap holds, a ranker without enough queries), by algorithm name
   */
  public record Outcome(List<Row> rows, Map<String, String> notTrained) {}

  /**
   * Evaluates a model made elsewhere (e.g. vectors from another tool), with no training time.
   *
   * @param name the row's name
   * @param info what is known of how the model was made
   */
  public static Row evaluate(String name, Recommender model, ModelInfo info, TestSessions test,
      int[] ks) {
    Evaluator.Result r = Evaluator.evaluate(model, test, ks, null);
    return new Row(name, r.metrics(), 0, ModelFile.sizeOf(model, info), r.p50Millis(),
        r.p99Millis(), info, null, null, gains(model), r.byKind(), r.servedTies());
  }

  /**
   * Trains and evaluates every algorithm in turn.
   *
   * @param params per algorithm, its parameters (absent = defaults)
   * @param log receives one line per finished step, for people watching
   */
  public static Outcome run(Corpus train, TestSessions test, List<Algorithm> algorithms,
      Map<Algorithm, Params> params, int[] ks, long seed, int threads, Consumer<String> log) {
    return run(train, test, algorithms, params, ks, seed, threads, Options.none(), log);
  }

  /**
   * Trains and evaluates every algorithm in turn, with learning curves and early stopping as
   * {@code options} asks. Curves and early stopping use the largest cut-off of {@code ks}. Bad
   * options fail before the first training; an algorithm whose training refuses this data
   * ({@link IllegalArgumentException}) is left out with its reason, and the others go on.
   */
  public static Outcome run(Corpus train, TestSessions test, List<Algorithm> algorithms,
      Map<Algorithm, Params> params, int[] ks, long seed, int threads, Options options,
      Consumer<String> log) {
    String checksum = CorpusFile.checksum(train);
    int k = java.util.Arrays.stream(ks).max().orElseThrow(
        () -> new IllegalArgumentException("need at least one cut-off"));
    // resolve every algorithm's options before the first one trains: a typo fails fast
    Map<Algorithm, Algorithm.Training> trainings = new LinkedHashMap<>();
    for (Algorithm a : algorithms) {
      trainings.put(a, a.prepare(params.getOrDefault(a, Params.none())));
    }
    Corpus fitOn = train;
    TestSessions validation = null;
    if (options.earlyStop()) {
      int cut = (int) Math.round(train.sessionCount() * (1 - options.validationFraction()));
      if (cut < 1 || cut >= train.sessionCount()) {
        throw new IllegalArgumentException("too few training sessions (" + train.sessionCount()
            + ") to carve off a validation split");
      }
      fitOn = train.sessionRange(0, cut);
      validation = TestSessions.heldOut(train, cut);
      if (validation.sessions().isEmpty()) {
        throw new IllegalArgumentException("the validation split (the last "
            + (train.sessionCount() - cut) + " training sessions) has no session left to "
            + "predict: raise the validation fraction");
      }
      if (log != null) {
        log.accept(String.format(Locale.ROOT, "early stopping: iterative models train on the "
            + "first %,d training sessions and validate on the last %,d (%,d predictions)", cut,
            train.sessionCount() - cut, validation.predictions()));
      }
    }
    List<Row> rows = new ArrayList<>();
    Map<String, String> notTrained = new LinkedHashMap<>();
    Heartbeat beat = log == null ? null : new Heartbeat(HEARTBEAT_NANOS, log);
    for (Algorithm a : algorithms) {
      Algorithm.Training training = trainings.get(a);
      boolean watch = a.iterative() && (options.curve() || options.earlyStop());
      boolean stopEarly = a.iterative() && options.earlyStop();
      Watcher w = new Watcher(options.curve() ? test : null, stopEarly ? validation : null, k,
          threads, options.patience(), log == null ? null : line -> log.accept(a.label() + ": "
              + line));
      int[] epochs = {0};
      ObjIntConsumer<Supplier<Recommender>> epochEnd = (snapshot, epoch) -> {
        epochs[0] = epoch;
        if (watch) {
          w.epochDone(snapshot, epoch);
        }
      };
      long t0 = System.nanoTime();
      Recommender model;
      try {
        model = training.train(stopEarly ? fitOn : train, new TrainContext(seed, threads,
            trainingProgress(beat, a, epochs), epochEnd, watch ? w::stop : null));
      } catch (IllegalArgumentException e) {
        notTrained.put(a.label(), e.getMessage());
        if (log != null) {
          log.accept(a.label() + ": not evaluated: " + e.getMessage());
        }
        continue;
      }
      double trainSeconds = (System.nanoTime() - t0 - w.watchNanos) / 1e9;
      if (stopEarly && w.best != null) {
        model = w.best;
      }
      ModelInfo info = ModelFile.info(model, training, seed, threads, checksum,
          (stopEarly ? fitOn : train).eventCount());
      long bytes = ModelFile.sizeOf(model, info);
      Evaluator.Result r = Evaluator.evaluate(model, test, ks, beat == null ? null
          : beat.listener(done -> String.format(Locale.ROOT, "%s: evaluated %,d of %,d "
              + "predictions", a.label(), done, test.predictions())));
      List<CurvePoint> curve = options.curve() ? List.copyOf(w.curve) : null;
      EarlyStop early = stopEarly ? new EarlyStop(train.sessionCount()
          - fitOn.sessionCount(), options.patience(), w.bestEpoch, w.epochs,
          List.copyOf(w.validationCurve)) : null;
      rows.add(new Row(a.label(), r.metrics(), trainSeconds, bytes, r.p50Millis(),
          r.p99Millis(), info, curve, early, gains(model), r.byKind(), r.servedTies()));
      if (log != null) {
        log.accept(String.format(Locale.ROOT,
            "%s: trained in %.1f s, evaluated %d predictions%s", a.label(), trainSeconds,
            r.predictions(), early == null ? "" : String.format(Locale.ROOT,
                "; stopped after epoch %d, kept epoch %d", early.epochsRun(), early.bestEpoch())));
      }
    }
    return new Outcome(rows, notTrained);
  }

  private static Map<String, Double> gains(Recommender model) {
    return model instanceof FeatureGains ? ((FeatureGains) model).featureGain() : null;
  }

  /** Evaluates a model after every epoch for a curve and early stopping. Not thread-safe. */
  private static final class Watcher {
    private final TestSessions test;
    private final TestSessions validation;
    private final int k;
    private final int threads;
    private final int patience;
    private final Consumer<String> log;
    final List<CurvePoint> curve = new ArrayList<>();
    final List<CurvePoint> validationCurve = new ArrayList<>();
    Recommender best;
    int bestEpoch;
    int epochs;
    long watchNanos;
    private double bestHr = -1;
    private double bestMrr = -1;
    private int sinceBest;

    Watcher(TestSessions test, TestSessions validation, int k, int threads, int patience,
        Consumer<String> log) {
      this.test = test;
      this.validation = validation;
      this.k = k;
      this.threads = threads;
      this.patience = patience;
      this.log = log;
    }

    void epochDone(Supplier<Recommender> snapshot, int epoch) {
      long t0 = System.nanoTime();
      epochs = epoch;
      Recommender model = snapshot.get();
      StringBuilder line = new StringBuilder("epoch " + epoch);
      if (test != null) {
        double[] t = Evaluator.hitRateAndMrr(model, test, k, threads);
        curve.add(new CurvePoint(epoch, t[0], t[1]));
        line.append(String.format(Locale.ROOT, ", test HR@%d %.4f MRR@%d %.4f", k, t[0], k,
            t[1]));
      }
      if (validation != null) {
        double[] v = Evaluator.hitRateAndMrr(model, validation, k, threads);
        validationCurve.add(new CurvePoint(epoch, v[0], v[1]));
        line.append(String.format(Locale.ROOT, ", validation HR@%d %.4f MRR@%d %.4f", k, v[0],
            k, v[1]));
        if (v[0] > bestHr || (v[0] == bestHr && v[1] > bestMrr)) {
          bestHr = v[0];
          bestMrr = v[1];
          best = model;
          bestEpoch = epoch;
          sinceBest = 0;
        } else {
          sinceBest++;
        }
      }
      if (log != null) {
        log.accept(line.toString());
      }
      watchNanos += System.nanoTime() - t0;
    }

    boolean stop() {
      return validation != null && sinceBest >= patience;
    }
  }
}
