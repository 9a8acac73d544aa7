package dev.aisle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aisle.AisleVersion;
import dev.aisle.corpus.Corpus;
import dev.aisle.export.Word2VecFormat;
import dev.aisle.model.ModelInfo;
import dev.aisle.model.item2vec.Item2VecModel;
import dev.aisle.model.item2vec.Item2VecOptions;
import dev.aisle.eval.Comparison;
import dev.aisle.eval.TestSessions;
import dev.aisle.eval.TimeSplit;
import dev.aisle.format.AtomicOutput;
import dev.aisle.report.HtmlReport;
import dev.aisle.tune.TunedConfig;
import dev.aisle.tune.Tuner;
import dev.aisle.model.Params;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aisle evaluate}: several models side by side on a time split. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Train models on earlier sessions and rank the next product of later ones.",
        "Next-item task over every prefix of every test session, full ranking, ties counted "
            + "pessimistically (and, under the table where it differs, as served: the more "
            + "popular product first); test products unseen in training are removed and "
            + "sessions left shorter than 2 dropped (as session-rec does)."},
    footer = {"", "Examples:",
        "  aisle evaluate --train tr.corpus --test va.corpus --algorithms pop,cooc,sknn --k 5,10,20",
        "  aisle evaluate --corpus shop.corpus --split last-days=7 --algorithms all --json out.json",
        "  aisle evaluate --format session-rec --train train_tr.txt --test train_valid.txt "
            + "--min-product-count 1 -p sknn.k=50",
        "  aisle evaluate --train tr.corpus --test va.corpus --algorithms pop,dense,glove,svd,item2vec "
            + "--k 20 --curve --json out.json --html report.html",
        "  aisle evaluate --train tr.corpus --test va.corpus --algorithms glove -p glove.epochs=20 "
            + "--early-stop --patience 3",
        "  aisle evaluate --train tr.corpus --test va.corpus --algorithms none "
            + "--model spark=yc.model --model embedded=yc2.model",
        "  aisle evaluate --train tr.corpus --test va.corpus --algorithms all --tune --budget 10m",
        "  aisle evaluate --train tr.corpus --test va.corpus --config tuned.json --k 20",
        "  aisle evaluate --corpus shop.corpus --split last-days=1 --algorithms sknn,hybrid,rank "
            + "--breakdown"})
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Data data;

  static final class Data {
    @ArgGroup(exclusive = false)
    Pair pair;

    @ArgGroup(exclusive = false)
    Split split;
  }

  static final class Pair {
    @Option(names = "--train", required = true, paramLabel = "CORPUS",
        description = "Training corpus (or log, with --format).")
    Path train;

    @Option(names = "--test", required = true, paramLabel = "CORPUS",
        description = "Test corpus (or log, with --format).")
    Path test;
  }

  static final class Split {
    @Option(names = "--corpus", required = true, paramLabel = "CORPUS",
        description = "One corpus to split by time.")
    Path corpus;

    @Option(names = "--split", required = true, paramLabel = "last-days=N",
        description = "Sessions starting in the last N days are the test part.")
    String split;
  }

  @Option(names = "--algorithms", paramLabel = "LIST", defaultValue = "all",
      description = "Comma-separated algorithms, or all. Default: ${DEFAULT-VALUE}.")
  String algorithms;

  @Option(names = "--k", paramLabel = "K,...", split = ",", defaultValue = "1,5,10,20",
      description = "Cut-offs. Default: ${DEFAULT-VALUE}.")
  int[] ks;

  @Option(names = {"-p", "--param"}, paramLabel = "ALGO.NAME=VALUE",
      description = "A hyperparameter of one algorithm, e.g. -p sknn.k=50 -p cooc.score=llr.")
  List<String> params = new ArrayList<>();

  @Option(names = "--model", paramLabel = "NAME=FILE",
      description = "Also evaluate a trained model file (from 'aisle train' or 'aisle spark') "
          + "on the test sessions, e.g. --model spark=yc.model; test products the model does "
          + "not know are removed for it. With --algorithms none only model files are evaluated.")
  List<String> models = new ArrayList<>();

  @Option(names = "--vectors", paramLabel = "NAME=FILE",
      description = "Also evaluate product vectors trained by another tool (word2vec text "
          + "format: gensim, fastText .vec), queried like item2vec, e.g. --vectors gensim=g.txt.")
  List<String> vectors = new ArrayList<>();

  @Option(names = "--curve",
      description = "Learning curves: HR@K and MRR@K (K = the largest --k) on the test sessions "
          + "after every epoch of the iterative models (dense, glove, item2vec, gru4rec), in the "
          + "table, the JSON (\"curve\") and the HTML report.")
  boolean curve;

  @Option(names = "--early-stop",
      description = "Train the iterative models on all but the last --validation-fraction of "
          + "the training sessions, validate after every epoch and stop after --patience epochs "
          + "without a better validation HR@K, keeping the best epoch's model.")
  boolean earlyStop;

  @Option(names = "--patience", paramLabel = "EPOCHS", defaultValue = "2",
      description = "Epochs without improvement before stopping early. Default: ${DEFAULT-VALUE}.")
  int patience;

  @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.1",
      description = "Share of the training sessions (the latest) held out to validate on when "
          + "stopping early. Default: ${DEFAULT-VALUE}.")
  double validationFraction;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Train each algorithm with its best settings in this tuned.json (from "
          + "'aisle tune' on the same training data); -p overrides single values.")
  Path config;

  @Option(names = "--tune",
      description = "First tune every algorithm on the training data alone (as 'aisle tune', "
          + "with --budget, --metric, --trials and --validation-days or --validation-fraction), "
          + "then train each on all of it with its best settings and evaluate on the test "
          + "data, which is read only then.")
  boolean tune;

  @Mixin SearchOptions search = new SearchOptions();

  @Mixin TrainingOptions training = new TrainingOptions();

  @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
  Path json;

  @Option(names = "--breakdown",
      description = "Also print HR@K and MRR@K by what the next product is: the last product "
          + "again, one browsed earlier in the session, or one new to it (--json always has "
          + "them, as by_next_kind).")
  boolean breakdown;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Write a self-contained HTML report with the table and HR@K / MRR@K charts.")
  Path html;

  @Mixin LocalIngestOptions log = new LocalIngestOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Algorithm> chosen = algorithms.trim().equalsIgnoreCase("none") ? List.of()
        : Algorithm.parseList(algorithms);
    Comparison.Options watch = new Comparison.Options(curve, earlyStop, patience,
        validationFraction);
    if (tune && config != null) {
      throw new IllegalArgumentException("--tune and --config exclude each other: --tune "
          + "searches the settings that --config reads");
    }
    Map<Algorithm, List<String>> given = groupParams(params, chosen);
    Tuner.Options searchOptions = tune ? search.options(training, ks[ks.length - 1]) : null;
    TunedConfig tuned = config == null ? null : TunedConfig.read(config);
    Corpus train;
    Corpus test;
    Map<String, Object> protocol = new LinkedHashMap<>();
    if (data.pair != null) {
      train = CorpusInput.load(data.pair.train, log, err);
      if (tuned != null) {
        tuned.checkCorpus(train, config);
      }
      if (tune) { // before the test data is read: nothing of it can leak into the search
        tuned = TuneCommand.tune(train, chosen, search, validationFraction, searchOptions, err);
      }
      test = CorpusInput.load(data.pair.test, log, err, true);
      protocol.put("train", data.pair.train.toString());
      protocol.put("test", data.pair.test.toString());
    } else {
      TimeSplit s = TimeSplit.parse(CorpusInput.load(data.split.corpus, log, err), data.split.split);
      train = s.train();
      test = s.test();
      if (tuned != null) {
        tuned.checkCorpus(train, config);
      }
      if (tune) {
        tuned = TuneCommand.tune(train, chosen, search, validationFraction, searchOptions, err);
      }
      protocol.put("corpus", data.split.corpus.toString());
      protocol.put("split", data.split.split);
    }
    Map<Algorithm, Params> byAlgorithm = merge(tuned, given, chosen);
    if (tuned != null) {
      TuneCommand.printBest(err, tuned);
      protocol.put("tuned", tune ? "by --tune on the training data: " + tuned.protocol()
          .validation() + " held out" : config.toString());
      Map<String, Object> best = new LinkedHashMap<>();
      tuned.algorithms().forEach((name, t) -> best.put(name, t.best()));
      protocol.put("tuned_settings", best);
    }
    TestSessions sessions = TestSessions.of(train.products(), test);
    protocol.put("task", "next-item over every prefix, full ranking, pessimistic ties");
    protocol.put("train_sessions", train.sessionCount());
    protocol.put("train_products", train.products().size());
    protocol.put("test_sessions", sessions.sessions().size());
    protocol.put("predictions", sessions.predictions());
    protocol.put("removed_test_events", sessions.removedEvents());
    protocol.put("dropped_test_sessions", sessions.droppedSessions());
    protocol.put("k", ks);
    protocol.put("seed", training.seed);
    protocol.put("threads", training.threads);
    if (curve) {
      protocol.put("curve", "HR@K and MRR@K on the test sessions after every epoch");
    }
    if (earlyStop) {
      protocol.put("early_stop", String.format(Locale.ROOT, "iterative models validate on the "
          + "last %s of the training sessions, patience %d epochs, best epoch kept",
          validationFraction, patience));
    }
    err.printf(Locale.ROOT, "train: %,d sessions, %,d products; test: %,d sessions, %,d "
        + "predictions%n", train.sessionCount(), train.products().size(),
        sessions.sessions().size(), sessions.predictions());
    List<Comparison.Row> rows = new ArrayList<>();
    Comparison.Outcome trained = Comparison.run(train, sessions, chosen, byAlgorithm, ks,
        training.seed, training.threads, watch, err::println);
    rows.addAll(trained.rows());
    for (String m : models) {
      rows.add(modelFile(m, test, err));
    }
    for (String v : vectors) {
      rows.add(externalVectors(v, train, sessions, err));
    }
    if (rows.isEmpty() && !trained.notTrained().isEmpty()) {
      Map.Entry<String, String> first = trained.notTrained().entrySet().iterator().next();
      throw new IllegalArgumentException(first.getKey() + " could not train on this data: "
          + first.getValue());
    }
    printTable(out, rows);
    trained.notTrained().forEach((name, why) -> out.printf(Locale.ROOT,
        "%s: not evaluated: %s%n", name, why));
    printServedTies(out, rows);
    if (breakdown) {
      printKinds(out, rows);
    }
    for (Comparison.Row r : rows) {
      if (r.featureGain() != null) {
        printGains(out, r);
      }
    }
    if (json != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("protocol", protocol);
      doc.put("results", rows.stream().map(Comparison.Row::toMap).toList());
      if (!trained.notTrained().isEmpty()) {
        doc.put("not_trained", trained.notTrained());
      }
      AtomicOutput.write(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsBytes(doc), true);
      err.println("wrote " + json);
    }
    if (html != null) {
      AtomicOutput.write(html, HtmlReport.render(protocol, rows, ks)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
      err.println("wrote " + html);
    }
    return AisleCommand.OK;
  }

  private void printTable(PrintWriter out, List<Comparison.Row> rows) {
    int k = ks[ks.length - 1];
    out.printf(Locale.ROOT, "%-10s %8s %8s %8s %8s %8s %10s %12s %8s%n", "model", "HR@" + k,
        "MRR@" + k, "NDCG@" + k, "cov@" + k, "pop@" + k, "train_s", "bytes", "p99_ms");
    for (Comparison.Row r : rows) {
      Map<String, Double> m = r.metrics();
      out.printf(Locale.ROOT, "%-10s %8.4f %8.4f %8.4f %8.4f %8.4f %10.2f %12d %8.2f%n",
          r.model(), m.get("HR@" + k), m.get("MRR@" + k), m.get("NDCG@" + k),
          m.get("coverage@" + k), m.get("popularity@" + k), r.trainSeconds(), r.modelBytes(),
          r.p99Millis());
    }
    boolean anyCurve = rows.stream().anyMatch(r -> r.curve() != null && !r.curve().isEmpty());
    if (anyCurve) {
      out.printf(Locale.ROOT, "%nlearning curves, test HR@%d / MRR@%d after each epoch:%n", k, k);
      for (Comparison.Row r : rows) {
        if (r.curve() != null && !r.curve().isEmpty()) {
          printCurve(out, r.model(), r.curve());
        }
      }
    }
    for (Comparison.Row r : rows) {
      if (r.earlyStop() != null) {
        Comparison.EarlyStop e = r.earlyStop();
        out.printf(Locale.ROOT, "%s: stopped early after epoch %d, kept epoch %d (validation on "
            + "%,d sessions)%n", r.model(), e.epochsRun(), e.bestEpoch(), e.validationSessions());
        printCurve(out, "  validation", e.validation());
      }
    }
  }

  /**
   * HR@K / MRR@K with ties broken as served, for the rows where that differs from the table's
   * worst-rank count (sparse models, whose unscored products all tie); nothing when none does.
   */
  private void printServedTies(PrintWriter out, List<Comparison.Row> rows) {
    int k = ks[ks.length - 1];
    List<Comparison.Row> differ = rows.stream().filter(r -> r.servedTies() != null
        && (Math.abs(r.servedTies().get("HR@" + k) - r.metrics().get("HR@" + k)) >= 5e-5
            || Math.abs(r.servedTies().get("MRR@" + k) - r.metrics().get("MRR@" + k)) >= 5e-5))
        .toList();
    if (differ.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%nties: the table counts a tie at its worst rank; as served (ties go "
        + "to the more popular product), HR@%d / MRR@%d:%n", k, k);
    for (Comparison.Row r : differ) {
      out.printf(Locale.ROOT, "%-10s %8.4f %8.4f%n", r.model(), r.servedTies().get("HR@" + k),
          r.servedTies().get("MRR@" + k));
    }
  }

  /** HR@K / MRR@K of every row by the next product's kind, each kind's share in its header. */
  private void printKinds(PrintWriter out, List<Comparison.Row> rows) {
    int k = ks[ks.length - 1];
    List<Comparison.Row> kinded = rows.stream().filter(r -> r.byKind() != null).toList();
    if (kinded.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%nby the next product's kind (share of the predictions): "
        + "HR@%d / MRR@%d%n", k, k);
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-10s", "model"));
    kinded.get(0).byKind().forEach((kind, m) -> header.append(String.format(Locale.ROOT,
        " %17s", kind + " (" + String.format(Locale.ROOT, "%.1f%%", 100 * m.get("share")) + ")")));
    out.println(header);
    for (Comparison.Row r : kinded) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s", r.model()));
      r.byKind().forEach((kind, m) -> line.append(String.format(Locale.ROOT, " %17s",
          m.get("share") == 0 ? "-" // no prediction of this kind
              : String.format(Locale.ROOT, "%.4f / %.4f", m.get("HR@" + k), m.get("MRR@" + k)))));
      out.println(line);
    }
  }

  /** The learned ranker's features by gain, as shares of the total. */
  private static void printGains(PrintWriter out, Comparison.Row r) {
    double total = r.featureGain().values().stream().mapToDouble(Double::doubleValue).sum();
    out.printf(Locale.ROOT, "%n%s: feature importance (average gain of the booster's splits on it, "
        + "share of all)%n", r.model());
    r.featureGain().forEach((name, gain) -> out.printf(Locale.ROOT, "  %-24s %12.1f %6.1f%%%n",
        name, gain, total > 0 ? 100 * gain / total : 0));
  }

  /** One line per 6 epochs: {@code 1 .1435/.0574  2 ...}. */
  private static void printCurve(PrintWriter out, String label, List<Comparison.CurvePoint> c) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s", label));
    for (int i = 0; i < c.size(); i++) {
      if (i > 0 && i % 6 == 0) {
        out.println(line);
        line = new StringBuilder(String.format(Locale.ROOT, "%-10s", ""));
      }
      Comparison.CurvePoint p = c.get(i);
      line.append(String.format(Locale.ROOT, " %3d %.4f/%.4f", p.epoch(), p.hr(), p.mrr()));
    }
    out.println(line);
  }

  /** A saved model on the test sessions, ranked over the model's own products. */
  private Comparison.Row modelFile(String spec, Corpus test, PrintWriter err) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("--model must be NAME=FILE, was '" + spec + "'");
    }
    ModelFile.Loaded loaded = ModelFile.read(Path.of(spec.substring(eq + 1)));
    TestSessions own = TestSessions.of(loaded.model().products(), test);
    err.printf(Locale.ROOT, "%s: %s model of %,d products, %,d predictions%n",
        spec.substring(eq + 1), loaded.info().algorithm(), loaded.model().products().size(),
        own.predictions());
    return Comparison.evaluate(spec.substring(0, eq), loaded.model(), loaded.info(), own, ks);
  }

  private Comparison.Row externalVectors(String spec, Corpus train, TestSessions sessions,
      PrintWriter err) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("--vectors must be NAME=FILE, was '" + spec + "'");
    }
    Path file = Path.of(spec.substring(eq + 1));
    Word2VecFormat.Vectors v = Word2VecFormat.read(file, train.products());
    err.printf(Locale.ROOT, "%s: %d-d vectors, %d training products missing (zero vectors), "
        + "%d words not in training%n", file, v.dim(), v.missing(), v.extra());
    Map<String, String> query = Map.of("dim", Integer.toString(v.dim()));
    Item2VecOptions options = Item2VecOptions.from(new Params(query));
    Item2VecModel model = Item2VecModel.of(train.products(), options, v.values());
    ModelInfo info = new ModelInfo("item2vec", Map.of("source", file.toString()), 0, 0, null, 0,
        AisleVersion.get());
    return Comparison.evaluate(spec.substring(0, eq), model, info, sessions, ks);
  }

  /**
   * Each chosen algorithm's parameters: its tuned settings if any, with the values given by
   * {@code -p} on top.
   */
  private static Map<Algorithm, Params> merge(TunedConfig tuned, Map<Algorithm, List<String>> given,
      List<Algorithm> chosen) {
    Map<Algorithm, Params> out = new EnumMap<>(Algorithm.class);
    for (Algorithm a : chosen) {
      Map<String, String> m = new java.util.TreeMap<>();
      if (tuned != null && tuned.algorithms().containsKey(a.label())) {
        m.putAll(tuned.algorithms().get(a.label()).best());
      }
      for (String pair : given.getOrDefault(a, List.of())) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("parameter '" + a.label() + "." + pair
              + "' must be name=value");
        }
        m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
      out.put(a, new Params(m));
    }
    return out;
  }

  /** {@code sknn.k=50} goes to sknn as {@code k=50}. */
  static Map<Algorithm, Params> splitParams(List<String> params, List<Algorithm> chosen) {
    Map<Algorithm, Params> out = new EnumMap<>(Algorithm.class);
    groupParams(params, chosen).forEach((a, list) -> out.put(a, Params.parse(list)));
    return out;
  }

  private static Map<Algorithm, List<String>> groupParams(List<String> params,
      List<Algorithm> chosen) {
    Map<Algorithm, List<String>> grouped = new EnumMap<>(Algorithm.class);
    for (String p : params) {
      int dot = p.indexOf('.');
      int eq = p.indexOf('=');
      if (dot <= 0 || (eq > 0 && dot > eq)) {
        throw new IllegalArgumentException("parameter '" + p
            + "' must name its algorithm, e.g. sknn.k=50");
      }
      Algorithm a = Algorithm.fromLabel(p.substring(0, dot));
      if (!chosen.contains(a)) {
        throw new IllegalArgumentException("parameter '" + p + "' is for " + a.label()
            + ", which --algorithms does not include");
      }
      grouped.computeIfAbsent(a, x -> new ArrayList<>()).add(p.substring(dot + 1));
    }
    return grouped;
  }
}
