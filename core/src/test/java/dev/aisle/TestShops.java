package dev.aisle;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.generate.GeneratorOptions;
import dev.aisle.generate.GeneratorResult;
import dev.aisle.generate.StoreGenerator;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.session.CleaningOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Small generated home-fashion shops, ingested the way a user would, for model tests. */
public final class TestShops {
  private TestShops() {}

  /**
   * A corpus of the given sessions, each a space-separated list of product ids in browse order
   * ({@code "a b c"}), ingested from a session-rec log with no cleaning: for tests that count by
   * hand.
   */
  public static Corpus ofSessions(Path dir, String... sessions) {
    StringBuilder sb = new StringBuilder("SessionId\tItemId\tTime\n");
    for (int s = 0; s < sessions.length; s++) {
      String[] items = sessions[s].trim().split("\\s+");
      for (int i = 0; i < items.length; i++) {
        sb.append(s).append('\t').append(items[i]).append('\t')
            .append(1_400_000_000 + s * 100 + i).append('\n');
      }
    }
    Path log = dir.resolve("sessions.tsv");
    try {
      java.nio.file.Files.writeString(log, sb.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return CorpusBuilder.ingest(List.of(log), new IngestOptions(Preset.SESSION_REC.format(), null,
        Duration.ofMinutes(30), true), CleaningOptions.none(), null, null).corpus();
  }

  /** A shop of {@code products} x {@code customers} over 30 days, with its catalog, cleaned. */
  public static Corpus shop(Path dir, int products, int customers, long seed) {
    GeneratorResult g = StoreGenerator.generate(
        GeneratorOptions.of(products, customers, 30, seed), dir);
    return CorpusBuilder.ingest(List.of(g.eventsFile()),
        new IngestOptions(Preset.AISLE.format(), null, Duration.ofMinutes(30), true),
        CleaningOptions.DEFAULTS, g.catalogFile(), null).corpus();
  }
}
