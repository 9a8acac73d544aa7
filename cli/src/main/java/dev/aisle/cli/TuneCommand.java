package dev.aisle.cli;

import dev.aisle.corpus.Corpus;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.tune.TunedConfig;
import dev.aisle.tune.Tuner;
import dev.aisle.tune.ValidationSplit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aisle tune}: hyperparameter search on the latest part of the training data. */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Search each algorithm's hyperparameters on the training data alone and write "
        + "the best settings, with every trial's scores, as JSON.",
        "The latest sessions (--validation-fraction, default 10%, or --validation-days) are "
            + "held out; trials train on the rest and predict the next product of every prefix "
            + "of the held-out sessions. Per algorithm: its defaults, quasi-random settings on "
            + "a third of the held-out sessions, the best third of them on all, then small "
            + "moves around the best (search ranges in the README). --budget is wall time for "
            + "everything, reading the corpus included: it is shared among the algorithms by "
            + "what their first trials cost, a trial still running when its share ends is "
            + "abandoned, and an algorithm whose defaults cannot finish in its share is "
            + "skipped (defaults kept). Progress: one line per trial with trials done, trials "
            + "a minute and the time left; a summary per algorithm at the end. With --threads "
            + "1 the same seed writes the same file when the budget stops no search.",
        "Use the result with 'aisle train --config' and 'aisle evaluate --config'."},
    footer = {"", "Examples:",
        "  aisle tune --corpus shop.corpus --budget 20m --out tuned.json",
        "  aisle tune --format session-rec --min-product-count 1 --corpus train_tr.txt "
            + "--algorithms sknn,cooc --metric mrr --budget 5m --out tuned.json",
        "  aisle tune --corpus shop.corpus --validation-days 2 --threads 1 --seed 7 --trials 20 "
            + "--out tuned.json"})
final class TuneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--corpus", required = true, paramLabel = "CORPUS",
      description = "Training corpus (or log, with --format).")
  Path corpus;

  @Option(names = "--algorithms", paramLabel = "LIST", defaultValue = "all",
      description = "Comma-separated algorithms, or all. Default: ${DEFAULT-VALUE}.")
  String algorithms;

  @Option(names = "--k", paramLabel = "K", defaultValue = "20",
      description = "The cut-off of HR@K and MRR@K. Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.1",
      description = "Share of the training sessions (the latest) held out. Default: "
          + "${DEFAULT-VALUE}.")
  double validationFraction;

  @Mixin SearchOptions search = new SearchOptions();

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
      description = "The tuned.json to write (atomically, at the end).")
  Path out;

  @Mixin TrainingOptions training = new TrainingOptions();

  @Mixin LocalIngestOptions log = new LocalIngestOptions();

  @Override
  public Integer call() {
    long since = System.nanoTime(); // reading the corpus counts against the budget
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Algorithm> chosen = Algorithm.parseList(algorithms);
    Tuner.Options options = search.options(training, k);
    Corpus train = CorpusInput.load(corpus, log, err);
    TunedConfig tuned = tune(train, chosen, search, validationFraction, options, since, err);
    tuned.write(this.out);
    printBest(out, tuned);
    out.printf(Locale.ROOT, "wrote %s%n", this.out);
    return AisleCommand.OK;
  }

  /** Splits {@code train}, says so, and searches, with the budget starting now. */
  static TunedConfig tune(Corpus train, List<Algorithm> chosen, SearchOptions search,
      double validationFraction, Tuner.Options options, PrintWriter err) {
    return tune(train, chosen, search, validationFraction, options, System.nanoTime(), err);
  }

  /** As above, with the budget started at {@code since} ({@link System#nanoTime}). */
  static TunedConfig tune(Corpus train, List<Algorithm> chosen, SearchOptions search,
      double validationFraction, Tuner.Options options, long since, PrintWriter err) {
    ValidationSplit split = search.split(train, validationFraction);
    err.printf(Locale.ROOT, "tune: held out %s: trials train on %,d sessions and predict %,d "
        + "next products in %,d; budget %s, objective %s@%d%n", split.describe(),
        split.fit().sessionCount(), split.validation().predictions(),
        split.validation().sessions().size(), search.budget, options.metric().label()
            .toUpperCase(Locale.ROOT), options.k());
    err.flush();
    return Tuner.tune(train, split, chosen, options, since, line -> {
      err.println("tune: " + line);
      err.flush();
    });
  }

  /** One line per algorithm: its validation scores and settings. */
  static void printBest(PrintWriter out, TunedConfig tuned) {
    int k = tuned.protocol().k();
    out.printf(Locale.ROOT, "%-10s %8s %8s %7s  %s%n", "model", "val HR@" + k, "val MRR@" + k,
        "trials", "best settings");
    tuned.algorithms().forEach((name, t) -> out.printf(Locale.ROOT, "%-10s %8s %8s %7d  %s%s%n",
        name, t.tuned() ? String.format(Locale.ROOT, "%.4f", t.hr()) : "-",
        t.tuned() ? String.format(Locale.ROOT, "%.4f", t.mrr()) : "-", t.trials().size(),
        t.best().isEmpty() ? "defaults" : t.best(), t.skipped() ? " (skipped: out of time)"
            : t.stoppedByBudget() ? " (budget reached)" : ""));
  }
}
