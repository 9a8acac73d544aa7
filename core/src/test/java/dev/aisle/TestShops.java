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

  /** A shop of {@code products} x {@code customers} over 30 days, with its catalog, cleaned. */
  public static Corpus shop(Path dir, int products, int customers, long seed) {
    GeneratorResult g = StoreGenerator.generate(
        GeneratorOptions.of(products, customers, 30, seed), dir);
    return CorpusBuilder.ingest(List.of(g.eventsFile()),
        new IngestOptions(Preset.AISLE.format(), null, Duration.ofMinutes(30), true),
        CleaningOptions.DEFAULTS, g.catalogFile(), null).corpus();
  }
}
