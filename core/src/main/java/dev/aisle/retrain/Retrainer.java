package dev.aisle.retrain;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.eval.Evaluator;
import dev.aisle.eval.TimeSplit;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs one retrain of the served models (see the package for the protocol).
 *
 * <pre>
 * RetrainRun run = Retrainer.run(options, List.of(new Retrainer.Target("shop",
 *     Path.of("shop.model"), List.of())), scratchDir, System.out::println);
 * RetrainHistory.append(RetrainHistory.of(options.eventLog()), run);
 * </pre>
 */
public final class Retrainer {
  /**
   * A served model to retrain.
   *
   * @param name its name on the server
   * @param file its file, replaced when the candidate passes
   * @param params training parameters as {@code ALGORITHM:NAME=VALUE}: those of its algorithm
   *     apply, the rest are for other models; none means the algorithm's defaults
   * @param trainedUntil the newest event the serving model was trained on, or null when unknown
   *     (see {@link RetrainHistory#trainedUntil})
   */
  public record Target(String name, Path file, List<String> params, Long trainedUntil) {
    public Target {
      for (String p : params) {
        int colon = p.indexOf(':');
        int eq = p.indexOf('=');
        if (colon <= 0 || eq < colon) {
          throw new IllegalArgumentException("a parameter must be ALGORITHM:NAME=VALUE, e.g. "
              + "item2vec:dim=64, was '" + p + "'");
        }
      }
      params = List.copyOf(params);
    }

    /** The {@code NAME=VALUE} parameters of {@code algorithm}. */
    List<String> paramsOf(String algorithm) {
      List<String> out = new ArrayList<>();
      for (String p : params) {
        if (p.startsWith(algorithm + ":")) {
          out.add(p.substring(algorithm.length() + 1));
        }
      }
      return out;
    }
  }

  private Retrainer() {}

  /**
   * Builds the corpus, then for each target trains a candidate, gates it and swaps it in or keeps
   * the serving model. Never throws for a failed run: the run records the error.
   *
   * @param scratch a directory for temporary files
   * @param log receives one line per step
   */
  public static RetrainRun run(RetrainOptions o, List<Target> targets, Path scratch,
      Consumer<String> log) {
    String started = Instant.now().toString();
    RetrainCorpus.Built built;
    try {
      built = RetrainCorpus.build(o, scratch);
    } catch (RuntimeException e) {
      log.accept("retrain stopped: " + e.getMessage());
      return new RetrainRun(started, Instant.now().toString(), null, null, 0, 0, 0, 0,
          List.of(), e.getMessage());
    }
    Corpus corpus = built.corpus();
    if (built.damagedLines() > 0) {
      log.accept(String.format(Locale.ROOT, "%,d event log lines left out: their checksums do "
          + "not match", built.damagedLines()));
    }
    long newest = Long.MIN_VALUE;
    for (int e = 0; e < corpus.eventCount(); e++) {
      newest = Math.max(newest, corpus.time(e));
    }
    log.accept(String.format(Locale.ROOT, "corpus: %,d events, %,d sessions, %,d products from "
        + "%s to %s", corpus.eventCount(), corpus.sessionCount(), corpus.products().size(),
        Instant.ofEpochMilli(corpus.sessionTime(0)), Instant.ofEpochMilli(newest)));
    List<RetrainRun.Outcome> outcomes = new ArrayList<>();
    for (Target t : targets) {
      long cut = newest - (long) (o.testDays() * 86_400_000L);
      if (t.trainedUntil() != null && t.trainedUntil() > cut) {
        cut = t.trainedUntil(); // test only on what the serving model has not seen
      }
      RetrainRun.Outcome outcome = retrain(o, t, corpus, cut);
      log.accept(String.format(Locale.ROOT, "%s (%s): %s: %s", t.name(), outcome.algorithm(),
          outcome.swapped() ? "swapped in" : "kept the serving model", outcome.reason()));
      outcomes.add(outcome);
    }
    return new RetrainRun(started, Instant.now().toString(),
        Instant.ofEpochMilli(corpus.sessionTime(0)).toString(),
        Instant.ofEpochMilli(newest).toString(), corpus.eventCount(), corpus.sessionCount(),
        corpus.products().size(), built.damagedLines(), List.copyOf(outcomes), null);
  }

  private static RetrainRun.Outcome retrain(RetrainOptions o, Target t, Corpus corpus,
      long cut) {
    String algorithm = null;
    List<String> own = List.of();
    long t0 = System.nanoTime();
    int first = 0;
    while (first < corpus.sessionCount() && corpus.sessionTime(first) < cut) {
      first++;
    }
    String testFrom = Instant.ofEpochMilli(cut).toString();
    int testSessions = corpus.sessionCount() - first;
    if (first == 0 || testSessions == 0) {
      return new RetrainRun.Outcome(t.name(), t.file().toString(), null, own, testFrom,
          testSessions, o.k(), 0, null, null, false, first == 0 ? "no sessions before the test "
              + "part to train on" : "no sessions since the serving model was trained",
          seconds(t0));
    }
    TimeSplit split = new TimeSplit(corpus.slice(0, first), corpus.slice(first,
        corpus.sessionCount()), cut);
    try {
      ModelFile.Loaded serving = ModelFile.read(t.file());
      algorithm = serving.info().algorithm();
      own = t.paramsOf(algorithm);
      Algorithm.Training training = Algorithm.fromLabel(algorithm).prepare(Params.parse(own));
      TrainContext context = new TrainContext(o.seed(), o.threads(), null, null);
      Recommender candidate = training.train(split.train(), context);
      SharedTestSessions test = SharedTestSessions.of(candidate.products(),
          serving.model().products(), split.test());
      long predictions = test.a().predictions();
      if (predictions == 0) {
        return new RetrainRun.Outcome(t.name(), t.file().toString(), algorithm, own,
            testFrom, testSessions, o.k(), 0, null, null, false, "no test session has two "
                + "products both models know", seconds(t0));
      }
      RetrainRun.Score c = score(Evaluator.hitRateAndMrr(candidate, test.a(), o.k(),
          o.threads()));
      RetrainRun.Score s = score(Evaluator.hitRateAndMrr(serving.model(), test.b(), o.k(),
          o.threads()));
      String compared = String.format(Locale.ROOT, "candidate HR@%d %.4f MRR@%d %.4f, serving "
          + "%.4f / %.4f on %,d predictions", o.k(), c.hr(), o.k(), c.mrr(), s.hr(), s.mrr(),
          predictions);
      boolean pass = c.hr() >= s.hr() - o.maxDrop() && c.mrr() >= s.mrr() - o.maxDrop();
      if (!pass) {
        return new RetrainRun.Outcome(t.name(), t.file().toString(), algorithm, own,
            testFrom, testSessions, o.k(), predictions, c, s, false, compared + ": worse by more than the allowed "
                + o.maxDrop(), seconds(t0));
      }
      Recommender model = training.train(corpus, context);
      ModelFile.write(model, ModelFile.info(model, training, o.seed(), o.threads(),
          CorpusFile.checksum(corpus), corpus.eventCount()), t.file());
      return new RetrainRun.Outcome(t.name(), t.file().toString(), algorithm, own,
          testFrom, testSessions, o.k(), predictions, c, s, true, compared + ": not worse by more than " + o.maxDrop()
              + "; retrained on the whole window", seconds(t0));
    } catch (RuntimeException e) {
      return new RetrainRun.Outcome(t.name(), t.file().toString(), algorithm, own,
          testFrom, testSessions, o.k(), 0, null, null, false, "failed, the serving model stays: " + e.getMessage(),
          seconds(t0));
    }
  }

  private static RetrainRun.Score score(double[] hrMrr) {
    return new RetrainRun.Score(hrMrr[0], hrMrr[1]);
  }

  private static double seconds(long t0) {
    return Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
  }
}
