package dev.aisle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The {@code aisle} command run in-process, as a user would type it. */
class CommandLineTest {
  @TempDir Path dir;

  /** Exit code, standard output and standard error of one run. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = AisleCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path brokenTsv() throws IOException {
    Path f = dir.resolve("broken.tsv");
    Files.writeString(f, "SessionId\tItemId\tTime\n"
        + "1\t10\t1396860669.277\n"
        + "1\t11\t1396860670.0\n"
        + "1\t12\tnot-a-time\n"
        + "2\n"
        + "2\t10\t1396860680.5\n"
        + "2\t11\t1396860690.5\n");
    return f;
  }

  @Test
  void ingest_then_stats_json_keeps_the_contract_keys() throws IOException {
    Path corpus = dir.resolve("b.corpus");
    Run ingest = run("ingest", "--format", "session-rec", "--min-product-count", "1",
        "--out", corpus.toString(), brokenTsv().toString());
    assertThat(ingest.code()).isZero();
    assertThat(ingest.err()).contains("broken.tsv:4: unparseable timestamp (Time)")
        .contains("broken.tsv:5: missing field (ItemId)");
    assertThat(ingest.out()).contains("kept 4 events in 2 sessions");

    Run stats = run("stats", corpus.toString(), "--json");
    assertThat(stats.code()).isZero();
    JsonNode json = new ObjectMapper().readTree(stats.out());
    assertThat(json.get("events").asLong()).isEqualTo(4);
    assertThat(json.get("sessions").asLong()).isEqualTo(2);
    assertThat(json.get("products").asLong()).isEqualTo(2);
    assertThat(json.get("customers").asLong()).isZero();
    assertThat(json.get("skipped").get("missing_field").asLong()).isEqualTo(1);
    assertThat(json.get("skipped").get("unparseable_timestamp").asLong()).isEqualTo(1);
  }

  @Test
  void strict_ingest_exits_2_naming_the_line_without_a_stack_trace() throws IOException {
    Run r = run("ingest", "--format", "session-rec", "--strict", "--out",
        dir.resolve("x.corpus").toString(), brokenTsv().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("broken.tsv:4: unparseable timestamp (Time)")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(dir.resolve("x.corpus")).doesNotExist();
  }

  @Test
  void unknown_format_is_a_usage_error() throws IOException {
    Run r = run("ingest", "--format", "parquet", "--out", dir.resolve("x.corpus").toString(),
        brokenTsv().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown format 'parquet'").contains("session-rec");
  }

  @Test
  void bad_session_gap_is_a_usage_error() throws IOException {
    Run r = run("ingest", "--session-gap", "soon", "--out", dir.resolve("x.corpus").toString(),
        brokenTsv().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'soon' is not a duration");
  }

  @Test
  void stats_on_something_that_is_not_a_corpus_exits_2() throws IOException {
    Run r = run("stats", brokenTsv().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not an Aisle corpus file");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingest", "stats", "train", "evaluate", "recommend", "serve", "export",
      "demo"})
  void every_command_has_help_with_an_example(String command) {
    Run r = run(command, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Example").contains("aisle " + command);
  }

  @Test
  void commands_still_to_come_fail_clearly() {
    Run r = run("train");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("not yet available");
  }

  @Test
  void top_level_help_lists_the_commands() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("ingest").contains("stats").contains("demo");
  }
}
