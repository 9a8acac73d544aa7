package dev.aisle.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.BadInputException;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.session.CleaningOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFileTest {
  @TempDir Path dir;

  /** A small shop log with a catalog, written by hand. */
  private Corpus smallCorpus() throws IOException {
    Path log = dir.resolve("log.csv");
    Files.writeString(log, String.join("\n",
        "customer_id,product_id,timestamp,event",
        "c1,P1,2026-01-05T10:00:00Z,view",
        "c1,P2,2026-01-05T10:01:00Z,view",
        "c1,P1,2026-01-05T10:02:00Z,cart",
        "c2,P2,2026-01-05T11:00:00Z,view",
        "c2,P3,2026-01-05T11:00:30.250Z,view",
        "c1,P3,2026-01-07T09:00:00Z,view",
        "c1,P2,2026-01-07T09:05:00Z,view") + "\n");
    Path catalog = dir.resolve("catalog.csv");
    Files.writeString(catalog, "id,name,category,price,in_stock,image\n"
        + "P1,Emerald velvet sofa,sofas,899.00,true,images/sofa.svg\n"
        + "P2,Oak side table,tables,149.5,false,\n");
    return CorpusBuilder.ingest(List.of(log),
        new IngestOptions(Preset.AISLE.format(), null, Duration.ofMinutes(30), true),
        CleaningOptions.none(), catalog, null).corpus();
  }

  private static void assertSameCorpus(Corpus a, Corpus b) {
    assertThat(b.products()).isEqualTo(a.products());
    assertThat(b.sessionCount()).isEqualTo(a.sessionCount());
    for (int s = 0; s < a.sessionCount(); s++) {
      assertThat(b.sessionItems(s)).isEqualTo(a.sessionItems(s));
      assertThat(b.sessionCustomer(s)).isEqualTo(a.sessionCustomer(s));
    }
    for (int e = 0; e < a.eventCount(); e++) {
      assertThat(b.time(e)).isEqualTo(a.time(e));
      assertThat(b.type(e)).isEqualTo(a.type(e));
    }
    assertThat(b.eventTypes()).isEqualTo(a.eventTypes());
    for (int p = 0; p < a.products().size(); p++) {
      assertThat(b.catalog().name(p)).isEqualTo(a.catalog().name(p));
      assertThat(Float.floatToIntBits(b.catalog().price(p)))
          .isEqualTo(Float.floatToIntBits(a.catalog().price(p)));
      assertThat(b.catalog().stock(p)).isEqualTo(a.catalog().stock(p));
      assertThat(b.catalog().image(p)).isEqualTo(a.catalog().image(p));
    }
    assertThat(b.info()).isEqualTo(a.info());
  }

  @Test
  void round_trips_every_field() throws IOException {
    Corpus c = smallCorpus();
    Path f = dir.resolve("small.corpus");
    String checksum = CorpusFile.write(c, f);
    CorpusFile.Loaded loaded = CorpusFile.load(f);
    assertThat(loaded.checksum()).isEqualTo(checksum).isEqualTo(CorpusFile.checksum(c));
    assertSameCorpus(c, loaded.corpus());
    assertThat(c.sessionCount()).isEqualTo(3);
    assertThat(c.catalog().name(c.products().ordinal("P1"))).isEqualTo("Emerald velvet sofa");
  }

  @Test
  void products_are_ordered_by_popularity() throws IOException {
    Corpus c = smallCorpus();
    assertThat(c.products().id(0)).isEqualTo("P2"); // 3 views, then P1 and P3 with 2 each
    assertThat(c.products().count(0)).isEqualTo(3);
  }

  @Test
  void writing_leaves_no_temporary_file_behind() throws IOException {
    Path out = dir.resolve("out");
    CorpusFile.write(smallCorpus(), out.resolve("a.corpus"));
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.corpus");
    }
  }

  @Test
  void same_input_gives_the_same_bytes() throws IOException {
    Path a = dir.resolve("a.corpus");
    Path b = dir.resolve("b.corpus");
    CorpusFile.write(smallCorpus(), a);
    CorpusFile.write(smallCorpus(), b);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void a_flipped_byte_is_caught_by_the_checksum() throws IOException {
    Path f = dir.resolve("c.corpus");
    CorpusFile.write(smallCorpus(), f);
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(f, bytes);
    assertThat(assertThrows(BadInputException.class, () -> CorpusFile.read(f)))
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void a_truncated_file_is_reported() throws IOException {
    Path f = dir.resolve("t.corpus");
    CorpusFile.write(smallCorpus(), f);
    byte[] bytes = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertThrows(BadInputException.class, () -> CorpusFile.read(f));
  }

  @Test
  void a_newer_format_version_asks_for_an_upgrade() throws IOException {
    Path f = dir.resolve("v.corpus");
    CorpusFile.write(smallCorpus(), f);
    byte[] bytes = Files.readAllBytes(f);
    bytes[11] = 9; // the version int follows the 8-byte magic
    Files.write(f, bytes);
    assertThat(assertThrows(BadInputException.class, () -> CorpusFile.read(f)))
        .hasMessageContaining("version 9").hasMessageContaining("upgrade Aisle");
  }

  @Test
  void a_version_1_file_from_the_past_still_loads() throws IOException {
    // written by Aisle 0.1.0 from the log and catalog of smallCorpus(); keep it as it is
    Path f = dir.resolve("v1.corpus");
    try (InputStream in = getClass().getResourceAsStream("/corpus-v1.corpus")) {
      assertThat(in).as("fixture corpus-v1.corpus").isNotNull();
      Files.copy(in, f);
    }
    Corpus old = CorpusFile.read(f);
    Corpus now = smallCorpus();
    assertThat(old.products()).isEqualTo(now.products());
    for (int s = 0; s < now.sessionCount(); s++) {
      assertThat(old.sessionItems(s)).isEqualTo(now.sessionItems(s));
    }
    assertThat(old.catalog().name(old.products().ordinal("P1"))).isEqualTo("Emerald velvet sofa");
  }
}
