package dev.aisle.cli;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.corpus.IngestResult;
import dev.aisle.ingest.LineSource;
import dev.aisle.ingest.SkipReason;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aisle ingest}: browse logs to a corpus. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Read browse logs, group them into sessions, clean them and write a corpus.",
        "Logs may be plain or gzip. Malformed rows are skipped and counted (first ones shown as "
            + "FILE:LINE: reason (field)); --strict stops at the first."},
    footer = {"", "Examples:",
        "  aisle ingest --format session-rec --out yc.corpus yoochoose-clicks-100k_train_full.txt",
        "  aisle ingest --format taobao --session-gap 30m --events view --out tb.corpus UserBehavior.csv",
        "  aisle ingest --format csv --customer-col visitor --product-col sku --time-col ts "
            + "--time-format epoch-ms --out shop.corpus export.csv.gz",
        "  (--min-product-count 1 --min-session-length 1 --repeats keep turns cleaning off)"})
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "CORPUS",
      description = "The corpus file to write (atomically).")
  Path out;

  @Mixin LocalIngestOptions log = new LocalIngestOptions();

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Browse log files.")
  List<Path> inputs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long started = System.nanoTime();
    IngestResult result = log.ingest(inputs);
    Corpus corpus = result.corpus();
    String checksum = CorpusFile.write(corpus, this.out);
    double seconds = (System.nanoTime() - started) / 1e9;
    for (String example : result.report().examples()) {
      err.println(example);
    }
    for (String example : result.catalogExamples()) {
      err.println(example);
    }
    long bytes = inputs.stream().mapToLong(LineSource::sizeOf).sum();
    long read = corpus.eventCount() + corpus.info().totalSkipped();
    out.printf(Locale.ROOT, "read %,d rows from %d file(s) (%s) in %.1f s%n", read,
        inputs.size(), Sizes.human(bytes), seconds);
    out.printf(Locale.ROOT, "kept %,d events in %,d sessions, %,d products, %,d customers%n",
        corpus.eventCount(), corpus.sessionCount(), corpus.products().size(),
        corpus.customerCount());
    Map<SkipReason, Long> skipped = result.report().skippedEvents();
    if (skipped.isEmpty()) {
      out.println("skipped nothing");
    } else {
      Map<SkipReason, Long> sessions = result.report().removedSessions();
      for (Map.Entry<SkipReason, Long> e : skipped.entrySet()) {
        Long s = sessions.get(e.getKey());
        out.printf(Locale.ROOT, "skipped %,d events: %s%s%n", e.getValue(),
            e.getKey().description(), s == null ? "" : String.format(Locale.ROOT,
                " (%,d whole sessions)", s));
      }
    }
    if (log.catalog != null) {
      out.printf(Locale.ROOT, "catalog: %,d rows, %,d describe corpus products%s%n",
          result.catalogRows(), result.catalogMatched(),
          result.catalogSkipped().isEmpty() ? "" : ", skipped " + result.catalogSkipped());
    }
    out.printf(Locale.ROOT, "wrote %s (%s, checksum %s)%n", this.out,
        Sizes.human(LineSource.sizeOf(this.out)), checksum);
    return AisleCommand.OK;
  }
}
