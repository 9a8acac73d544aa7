package dev.aisle.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.catalog.Catalog;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.corpus.IngestResult;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.session.CleaningOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreGeneratorTest {
  private static final GeneratorOptions SMALL = GeneratorOptions.of(1000, 3000, 30, 7);

  @TempDir static Path tmp;

  private static GeneratorResult shop;
  private static Corpus corpus;
  private static IngestResult ingest;
  private static Map<String, String[]> rows;

  @BeforeAll
  static void generateAndIngest() throws IOException {
    shop = StoreGenerator.generate(SMALL, tmp.resolve("shop"));
    ingest = CorpusBuilder.ingest(List.of(shop.eventsFile()),
        new IngestOptions(Preset.AISLE.format(), null, Duration.ofMinutes(30), true),
        CleaningOptions.none(), shop.catalogFile(), null);
    corpus = ingest.corpus();
    rows = new HashMap<>();
    List<String> lines = Files.readAllLines(shop.catalogFile(), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      rows.put(f[0], f);
    }
  }

  @Test
  void same_seed_gives_same_bytes() throws IOException {
    GeneratorResult again = StoreGenerator.generate(SMALL, tmp.resolve("again"));
    assertThat(again).isEqualTo(new GeneratorResult(again.dir(), shop.products(),
        shop.customers(), shop.sessions(), shop.events(), shop.carts(), shop.eventBytes(),
        shop.images()));
    assertThat(again.eventsFile()).hasSameBinaryContentAs(shop.eventsFile());
    assertThat(again.catalogFile()).hasSameBinaryContentAs(shop.catalogFile());
    List<Path> images = list(shop.imagesDir());
    assertThat(images).hasSize(shop.images());
    assertThat(list(again.imagesDir())).hasSameSizeAs(images);
    for (Path image : images) {
      assertThat(again.imagesDir().resolve(image.getFileName()))
          .hasSameBinaryContentAs(image);
    }
  }

  @Test
  void another_seed_gives_another_log_and_catalog() throws IOException {
    GeneratorResult other = StoreGenerator.generate(SMALL.withSeed(8), tmp.resolve("other"));
    assertThat(Files.mismatch(other.eventsFile(), shop.eventsFile())).isNotEqualTo(-1L);
    assertThat(Files.mismatch(other.catalogFile(), shop.catalogFile())).isNotEqualTo(-1L);
  }

  @Test
  void catalog_depends_only_on_products_and_seed() throws IOException {
    GeneratorResult fewer = StoreGenerator.generate(GeneratorOptions.of(1000, 50, 3, 7),
        tmp.resolve("fewer"));
    assertThat(fewer.catalogFile()).hasSameBinaryContentAs(shop.catalogFile());
    assertThat(HomeFashionCatalog.create(1000, 7).toCsv())
        .isEqualTo(Files.readAllBytes(shop.catalogFile()));
  }

  @Test
  void log_ingests_strictly_with_nothing_skipped_and_the_planted_sessions() {
    assertThat(ingest.report().skippedEvents()).isEmpty();
    assertThat((long) corpus.eventCount()).isEqualTo(shop.events());
    assertThat(corpus.customerCount()).isEqualTo(SMALL.customers());
    // every pause inside a session is under 30 minutes, every pause between sessions over it
    assertThat((long) corpus.sessionCount()).isEqualTo(shop.sessions());
    double meanLength = (double) corpus.eventCount() / corpus.sessionCount();
    assertThat(meanLength).isBetween(3.0, 10.0);
    assertThat(corpus.eventTypes()).contains("view", "cart");
  }

  @Test
  void catalog_describes_every_product_of_the_log() {
    assertThat(ingest.catalogSkipped()).isEmpty();
    assertThat(ingest.catalogRows()).isEqualTo(SMALL.products());
    assertThat(ingest.catalogMatched()).isEqualTo(corpus.products().size());
    Catalog catalog = corpus.catalog();
    for (int p = 0; p < corpus.products().size(); p++) {
      assertThat(catalog.name(p)).isNotBlank();
      assertThat(catalog.category(p)).isNotBlank();
      assertThat(catalog.price(p)).isPositive();
      assertThat(catalog.stock(p)).isNotEqualTo(Catalog.Stock.UNKNOWN);
      assertThat(shop.dir().resolve(catalog.image(p))).isRegularFile();
    }
  }

  @Test
  void catalog_rows_have_every_column_unique_ids_and_unique_names() {
    Set<String> names = new HashSet<>();
    for (String[] f : rows.values()) {
      assertThat(f).hasSize(HomeFashionCatalog.HEADER.split(",").length);
      assertThat(f[0]).matches("P\\d{6}");
      assertThat(names.add(f[1])).as("unique name %s", f[1]).isTrue();
      assertThat(f[1]).matches("[A-Z][a-z\\- ]+( \\([A-Za-z0-9 ]+\\))?");
      assertThat(f[3]).matches("\\d+\\.\\d\\d");
      assertThat(f[5]).isEqualTo("images/" + f[2] + "-" + f[7] + ".svg");
    }
    assertThat(rows).hasSize(SMALL.products());
  }

  @Test
  void events_lie_in_the_period_and_are_not_sorted_by_time_overall() throws IOException {
    Instant from = SMALL.start().atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    Instant to = from.plus(Duration.ofDays(SMALL.days()));
    List<String> lines = Files.readAllLines(shop.eventsFile(), StandardCharsets.US_ASCII);
    assertThat(lines.get(0)).isEqualTo(StoreGenerator.EVENTS_HEADER);
    boolean sorted = true;
    String previous = "";
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      assertThat(f).hasSize(4);
      assertThat(f[0]).matches("C\\d{7}");
      assertThat(f[2]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      Instant t = Instant.parse(f[2]);
      assertThat(t).isAfterOrEqualTo(from).isBefore(to);
      sorted &= f[2].compareTo(previous) >= 0;
      previous = f[2];
    }
    assertThat(sorted).isFalse();
  }

  @Test
  void products_browsed_together_share_a_style_far_more_often_than_chance() {
    Affinity style = affinity(f -> f[6]);
    System.out.printf(Locale.ROOT, "style: together %.3f, chance %.3f, ratio %.1f%n",
        style.together, style.chance, style.together / style.chance);
    assertThat(style.together).isGreaterThanOrEqualTo(3 * style.chance);
  }

  @Test
  void products_browsed_together_share_a_room_and_category_more_often_than_chance() {
    Affinity room = affinity(f -> f[8]);
    Affinity category = affinity(f -> f[2]);
    System.out.printf(Locale.ROOT, "room: together %.3f, chance %.3f; category: together %.3f,"
        + " chance %.3f%n", room.together, room.chance, category.together, category.chance);
    assertThat(room.together).isGreaterThanOrEqualTo(1.8 * room.chance);
    assertThat(category.together).isGreaterThanOrEqualTo(3 * category.chance);
  }

  @Test
  void popularity_is_heavy_tailed() {
    int[] counts = corpus.products().counts(); // descending
    long total = 0;
    long top = 0;
    for (int p = 0; p < counts.length; p++) {
      total += counts[p];
      if (p < counts.length / 10) {
        top += counts[p];
      }
    }
    assertThat((double) top / total).as("share of views on the top tenth of products")
        .isGreaterThan(0.2); // twice the share under uniform popularity
  }

  /** Share of consecutive distinct products with the same attribute, and the chance share. */
  private record Affinity(double together, double chance) {}

  private static Affinity affinity(Function<String[], String> attribute) {
    long pairs = 0;
    long same = 0;
    Map<String, Long> byValue = new HashMap<>();
    for (int s = 0; s < corpus.sessionCount(); s++) {
      for (int e = corpus.sessionStart(s); e < corpus.sessionEnd(s); e++) {
        String value = attribute.apply(rows.get(corpus.products().id(corpus.item(e))));
        byValue.merge(value, 1L, Long::sum);
        if (e > corpus.sessionStart(s) && corpus.item(e) != corpus.item(e - 1)) {
          pairs++;
          String before = attribute.apply(rows.get(corpus.products().id(corpus.item(e - 1))));
          if (value.equals(before)) {
            same++;
          }
        }
      }
    }
    // chance: two events drawn at random from the whole log, popular products weighing more
    double chance = 0;
    for (long n : byValue.values()) {
      double share = (double) n / corpus.eventCount();
      chance += share * share;
    }
    return new Affinity((double) same / pairs, chance);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
