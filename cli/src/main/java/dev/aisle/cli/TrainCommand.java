package dev.aisle.cli;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.model.ModelInfo;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.model.dense.DenseModel;
import dev.aisle.model.dense.DenseTrainer;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.ingest.LineSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.aisle.tune.TunedConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aisle train}: one model from a corpus. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Train a model on a corpus (or a raw log with --format) and save it.",
        "Algorithms: pop, cooc, sknn, item2vec, hybrid, dense, glove, svd, gru4rec, rank. "
            + "Hyperparameters go with -p name=value "
            + "(see the algorithm's options in the README); an unknown name is an error.",
        "With --threads 1 the same seed gives the same file, byte for byte."},
    footer = {"", "Examples:",
        "  aisle train --corpus yc.corpus --algorithm item2vec --threads 1 --seed 11 --out yc.model",
        "  aisle train --corpus yc.corpus --algorithm cooc -p score=llr -p window=0 --out llr.model",
        "  aisle train --format session-rec --corpus clicks.tsv --algorithm sknn --out sknn.model",
        "  aisle train --corpus yc.corpus --algorithm dense -p max-products=2000 --out dense.model",
        "  aisle train --corpus yc.corpus --algorithm gru4rec -p layers=200 --out gru.model",
        "  aisle train --corpus yc.corpus --config tuned.json --algorithm sknn --out sknn.model"})
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--corpus", required = true, paramLabel = "CORPUS",
      description = "Corpus from 'aisle ingest', or a browse log read with --format.")
  Path corpus;

  @Option(names = "--algorithm", required = true, paramLabel = "A",
      description = "pop, cooc, sknn, item2vec, hybrid, dense, glove, svd, gru4rec or rank.")
  String algorithm;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "MODEL",
      description = "The model file to write (atomically).")
  Path out;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
      description = "A hyperparameter, e.g. -p dim=64 -p window=5.")
  List<String> params = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "Start from the algorithm's best settings in this tuned.json (from 'aisle "
          + "tune' on the same corpus); -p overrides single values.")
  Path config;

  @Mixin TrainingOptions run = new TrainingOptions();

  @Mixin LocalIngestOptions log = new LocalIngestOptions();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Algorithm a = Algorithm.fromLabel(algorithm);
    TunedConfig tuned = config == null ? null : TunedConfig.read(config);
    Params values = tuned == null ? Params.parse(params)
        : new Params(tuned.settings(a, params, config));
    Algorithm.Training training = a.prepare(values);
    Corpus c = CorpusInput.load(corpus, log, err);
    if (tuned != null) {
      tuned.checkCorpus(c, config);
    }
    long t0 = System.nanoTime();
    Recommender model;
    try (Progress progress = Progress.start("Training " + a.label(), 0, "", 1)) {
      model = training.train(c, new TrainContext(run.seed, run.threads, progress.listener(),
          null));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    ModelInfo info = ModelFile.info(model, training, run.seed, run.threads, CorpusFile.checksum(c),
        c.eventCount());
    String checksum = ModelFile.write(model, info, this.out);
    out.printf(Locale.ROOT, "trained %s on %,d sessions (%,d products) in %.2f s%n", a.label(),
        c.sessionCount(), c.products().size(), seconds);
    out.printf(Locale.ROOT, "options %s%n", info.options());
    if (model instanceof DenseModel) {
      DenseModel d = (DenseModel) model;
      out.printf(Locale.ROOT, "network: %,d products in and out, %,d hidden units: %,d "
          + "parameters (2NH + H + N), %s as float32; the talk's N = 9,000 with H = 2N: %s%n",
          d.outputs(), d.hidden(), d.parameters(), Sizes.human(4 * d.parameters()),
          Sizes.human(DenseModel.float32Bytes(9000, 18000)));
      out.printf(Locale.ROOT, "%,d samples per epoch%n",
          DenseTrainer.samplesPerEpoch(c, d.options()));
    }
    out.printf(Locale.ROOT, "wrote %s (%s, checksum %s)%n", this.out,
        Sizes.human(LineSource.sizeOf(this.out)), checksum);
    return AisleCommand.OK;
  }
}
