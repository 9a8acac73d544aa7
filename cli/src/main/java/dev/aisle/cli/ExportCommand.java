package dev.aisle.cli;

import dev.aisle.export.Word2VecFormat;
import dev.aisle.ingest.LineSource;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.Recommender;
import dev.aisle.modelfile.ModelFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aisle export}: a model in another tool's format. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {"Export a model's product vectors in the word2vec text format (or --binary), "
        + "which gensim's KeyedVectors.load_word2vec_format reads."},
    footer = {"", "Examples:",
        "  aisle export --model yc.model --format word2vec --out vectors.txt",
        "  aisle export --model yc.model --format word2vec --binary --out vectors.bin"})
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "MODEL",
      description = "An embedding model (item2vec).")
  Path model;

  @Option(names = "--format", defaultValue = "word2vec", paramLabel = "F",
      description = "word2vec (the only format so far). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--binary", description = "word2vec's binary layout instead of text.")
  boolean binary;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
      description = "The file to write (atomically).")
  Path out;

  @Override
  public Integer call() {
    if (!"word2vec".equals(format)) {
      throw new IllegalArgumentException("--format must be word2vec, was '" + format + "'");
    }
    Recommender r = ModelFile.read(model).model();
    if (!(r instanceof EmbeddingModel)) {
      throw new IllegalArgumentException(model + " is a " + r.algorithm()
          + " model, which has no product vectors; export an item2vec model");
    }
    EmbeddingModel m = (EmbeddingModel) r;
    Word2VecFormat.write(m, out, binary);
    spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d vectors of dimension %d to %s (%s)%n",
        m.products().size(), m.dim(), out, Sizes.human(LineSource.sizeOf(out)));
    return AisleCommand.OK;
  }
}
