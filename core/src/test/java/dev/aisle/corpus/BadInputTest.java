package dev.aisle.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.BadInputException;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.LogFormat;
import dev.aisle.ingest.Preset;
import dev.aisle.ingest.SkipReason;
import dev.aisle.session.CleaningOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed input is counted and named by FILE:LINE, or stops a strict run: never lost. */
class BadInputTest {
  @TempDir Path dir;

  private static final String HEADER = "SessionId\tItemId\tTime\n";

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static IngestResult ingest(LogFormat format, boolean strict, Path... files) {
    return CorpusBuilder.ingest(List.of(files),
        new IngestOptions(format, null, Duration.ofMinutes(30), strict), CleaningOptions.none(),
        null, null);
  }

  private Path brokenTsv() throws IOException {
    return write("broken.tsv", HEADER
        + "1\t10\t1396860669.277\n"
        + "1\t11\t1396860670.0\n"
        + "1\t12\tnot-a-time\n" // line 4
        + "2\n" // line 5
        + "2\t10\t1396860680.5\n");
  }

  @Test
  void broken_rows_are_skipped_counted_and_named_by_line() throws IOException {
    Path f = brokenTsv();
    IngestResult r = ingest(Preset.SESSION_REC.format(), false, f);
    assertThat(r.corpus().eventCount()).isEqualTo(3);
    assertThat(r.report().examples()).containsExactly(
        f + ":4: unparseable timestamp (Time)",
        f + ":5: missing field (ItemId)");
    assertThat(r.corpus().info().skippedEvents())
        .containsEntry("unparseable_timestamp", 1L).containsEntry("missing_field", 1L);
  }

  @Test
  void strict_mode_stops_at_the_first_broken_row() throws IOException {
    Path f = brokenTsv();
    BadInputException e = assertThrows(BadInputException.class,
        () -> ingest(Preset.SESSION_REC.format(), true, f));
    assertThat(e).hasMessage(f + ":4: unparseable timestamp (Time)");
  }

  @Test
  void wrong_delimiter_is_named() throws IOException {
    Path f = write("views.csv", "sessionId,userId,itemId,timeframe,eventdate\n1,NA,5,0,2016-05-09\n");
    BadInputException e = assertThrows(BadInputException.class,
        () -> ingest(Preset.DIGINETICA.format(), false, f));
    assertThat(e.getMessage()).contains(f + ":1: wrong delimiter").contains("comma-separated");
  }

  @Test
  void missing_column_lists_the_header() throws IOException {
    Path f = write("clicks.tsv", "SessionId\tTime\n1\t1396860669\n");
    BadInputException e = assertThrows(BadInputException.class,
        () -> ingest(Preset.SESSION_REC.format(), false, f));
    assertThat(e).hasMessageContaining(f + ":1: missing column 'ItemId'")
        .hasMessageContaining("SessionId, Time");
  }

  @Test
  void empty_file_and_header_only_file_are_errors() throws IOException {
    Path empty = write("empty.tsv", "");
    Path headerOnly = write("header.tsv", HEADER);
    assertThat(assertThrows(BadInputException.class,
        () -> ingest(Preset.SESSION_REC.format(), false, empty))).hasMessage(empty + ": empty file");
    assertThat(assertThrows(BadInputException.class,
        () -> ingest(Preset.SESSION_REC.format(), false, headerOnly)))
        .hasMessage(headerOnly + ": has a header but no rows");
  }

  @Test
  void missing_file_is_one_clear_line() {
    Path nowhere = dir.resolve("nowhere.tsv");
    assertThat(assertThrows(BadInputException.class,
        () -> ingest(Preset.SESSION_REC.format(), false, nowhere)))
        .hasMessage(nowhere + ": no such file");
  }

  @Test
  void invalid_utf8_and_impossible_timestamps_are_counted() throws IOException {
    Path f = dir.resolve("bad.tsv");
    byte[] badId = {'1', '\t', 'x', (byte) 0xC3, (byte) 0x28, '\t', '1', '3', '9', '6', '8', '6',
        '0', '6', '6', '9', '\n'};
    try (OutputStream out = Files.newOutputStream(f)) {
      out.write(HEADER.getBytes(StandardCharsets.UTF_8));
      out.write(badId);
      out.write("1\t10\t12\n1\t11\t1396860669\n1\t12\t1396860679\n".getBytes(StandardCharsets.UTF_8));
    }
    IngestResult r = ingest(Preset.SESSION_REC.format(), false, f);
    assertThat(r.report().skippedEvents())
        .containsEntry(SkipReason.INVALID_UTF8, 1L)
        .containsEntry(SkipReason.IMPOSSIBLE_TIMESTAMP, 1L);
    assertThat(r.report().examples()).contains(f + ":2: invalid UTF-8 (ItemId)",
        f + ":3: impossible timestamp (before 1990 or after 2099) (Time)");
    assertThat(r.corpus().eventCount()).isEqualTo(2);
  }

  @Test
  void malformed_json_lines_are_counted() throws IOException {
    Path f = write("log.jsonl", "{\"customer_id\":\"c1\",\"product_id\":\"p1\","
        + "\"timestamp\":\"2026-01-05T10:00:00Z\"}\n"
        + "{\"customer_id\":\"c1\",\"product_id\":\n"
        + "{\"customer_id\":\"c1\",\"product_id\":\"p2\",\"timestamp\":\"2026-01-05T10:01:00Z\"}\n");
    IngestResult r = ingest(Preset.JSONL.format(), false, f);
    assertThat(r.corpus().eventCount()).isEqualTo(2);
    assertThat(r.report().examples()).containsExactly(f + ":2: malformed JSON");
  }

  @Test
  void gzip_logs_read_like_plain_ones() throws IOException {
    Path plain = brokenTsv();
    Path gz = dir.resolve("broken.tsv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(plain));
    }
    assertThat(ingest(Preset.SESSION_REC.format(), false, gz).corpus().eventCount())
        .isEqualTo(ingest(Preset.SESSION_REC.format(), false, plain).corpus().eventCount());
  }

  @Test
  void quoted_csv_and_crlf_line_ends_are_read() throws IOException {
    Path f = write("shop.csv", "customer_id,product_id,timestamp,event\r\n"
        + "\"c 1\",\"sofa, green\",2026-01-05T10:00:00Z,view\r\n"
        + "\"c 1\",lamp,2026-01-05T10:01:00Z,view\r\n");
    Corpus c = ingest(Preset.AISLE.format(), true, f).corpus();
    assertThat(c.products().ordinal("sofa, green")).isGreaterThanOrEqualTo(0);
    assertThat(c.customerId(0)).isEqualTo("c 1");
    assertThat(c.sessionCount()).isEqualTo(1);
  }

  @Test
  void a_log_with_no_usable_row_says_why() throws IOException {
    Path f = write("bad.tsv", HEADER + "1\t10\tnope\n");
    assertThat(assertThrows(BadInputException.class,
        () -> ingest(Preset.SESSION_REC.format(), false, f)))
        .hasMessageContaining("no usable events").hasMessageContaining("unparseable timestamp");
  }
}
