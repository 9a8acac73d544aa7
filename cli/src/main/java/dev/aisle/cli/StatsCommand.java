package dev.aisle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.corpus.CorpusStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aisle stats}: what a corpus holds. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {"Show a corpus: events, sessions, products, customers, session lengths, "
        + "time range and skipped rows by reason.",
        "With --json the keys events, sessions, products, customers and skipped are stable."},
    footer = {"", "Examples:", "  aisle stats yc.corpus", "  aisle stats yc.corpus --json"})
final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CORPUS", description = "A corpus from 'aisle ingest'.")
  Path corpus;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    CorpusFile.Loaded loaded = CorpusFile.load(corpus);
    CorpusStats stats = CorpusStats.of(loaded.corpus());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = stats.toMap();
      m.put("checksum", loaded.checksum());
      m.put("format", loaded.corpus().info().format());
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(m));
      return AisleCommand.OK;
    }
    out.printf(Locale.ROOT, "corpus     %s (checksum %s, format %s)%n", corpus,
        loaded.checksum(), loaded.corpus().info().format());
    out.printf(Locale.ROOT, "events     %,d%n", stats.events());
    out.printf(Locale.ROOT, "sessions   %,d (mean length %.2f)%n", stats.sessions(),
        stats.meanSessionLength());
    out.printf(Locale.ROOT, "products   %,d (%,d with catalog data)%n", stats.products(),
        stats.catalogProducts());
    out.printf(Locale.ROOT, "customers  %,d%n", stats.customers());
    out.printf(Locale.ROOT, "time range %s .. %s%n", stats.first(), stats.last());
    out.printf(Locale.ROOT, "event types %s%n", stats.eventTypes());
    out.println("session lengths");
    long max = stats.sessionLengths().values().stream().mapToLong(Long::longValue).max()
        .orElse(1);
    stats.sessionLengths().forEach((bucket, n) -> out.printf(Locale.ROOT, "  %7s %,10d %s%n",
        bucket, n, "#".repeat((int) Math.round(40.0 * n / Math.max(1, max)))));
    if (stats.skipped().isEmpty()) {
      out.println("skipped    nothing");
    } else {
      out.println("skipped events by reason");
      stats.skipped().forEach((reason, n) -> out.printf(Locale.ROOT, "  %-22s %,d%n", reason, n));
    }
    return AisleCommand.OK;
  }
}
