package dev.aisle.cli;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.export.Word2VecFormat;
import dev.aisle.ingest.LineSource;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.Recommender;
import dev.aisle.modelfile.ModelFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aisle export}: a model in another tool's format. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {"Export a model's product vectors in the word2vec text format (or --binary), "
        + "which gensim's KeyedVectors.load_word2vec_format reads;",
        "or a corpus's sessions as sentences (one session a line, ids separated by spaces) "
            + "for word2vec, gensim or fastText."},
    footer = {"", "Examples:",
        "  aisle export --model yc.model --format word2vec --out vectors.txt",
        "  aisle export --model yc.model --format word2vec --binary --out vectors.bin",
        "  aisle export --corpus yc.corpus --format sentences --out sessions.txt"})
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--model", paramLabel = "MODEL", description = "An embedding model (item2vec).")
    Path model;

    @Option(names = "--corpus", paramLabel = "CORPUS", description = "A corpus, for sentences.")
    Path corpus;
  }

  @Option(names = "--format", defaultValue = "word2vec", paramLabel = "F",
      description = "word2vec (vectors of a model) or sentences (sessions of a corpus). "
          + "Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--binary", description = "word2vec's binary layout instead of text.")
  boolean binary;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
      description = "The file to write (atomically).")
  Path out;

  @Override
  public Integer call() {
    if ("sentences".equals(format) && source.corpus != null) {
      Corpus c = CorpusFile.read(source.corpus);
      Word2VecFormat.writeSentences(c, out);
      spec.commandLine().getOut().printf(Locale.ROOT, "wrote %,d sessions to %s (%s)%n",
          c.sessionCount(), out, Sizes.human(LineSource.sizeOf(out)));
      return AisleCommand.OK;
    }
    if (!"word2vec".equals(format) || source.model == null) {
      throw new IllegalArgumentException("use --format word2vec with --model, or --format "
          + "sentences with --corpus (was --format " + format + ")");
    }
    Recommender r = ModelFile.read(source.model).model();
    if (!(r instanceof EmbeddingModel)) {
      throw new IllegalArgumentException(source.model + " is a " + r.algorithm()
          + " model, which has no product vectors; export an item2vec model");
    }
    EmbeddingModel m = (EmbeddingModel) r;
    Word2VecFormat.write(m, out, binary);
    spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d vectors of dimension %d to %s (%s)%n",
        m.products().size(), m.dim(), out, Sizes.human(LineSource.sizeOf(out)));
    return AisleCommand.OK;
  }
}
