package dev.aisle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = AisleCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void generating_twice_with_the_same_seed_gives_the_same_bytes() {
    for (String dir : new String[] {"a", "b"}) {
      assertThat(run("generate", "--products", "200", "--customers", "300", "--seed", "7",
          "--out", tmp.resolve(dir).toString())).isZero();
    }
    assertThat(tmp.resolve("a/events.csv")).hasSameBinaryContentAs(tmp.resolve("b/events.csv"));
    assertThat(tmp.resolve("a/catalog.csv"))
        .hasSameBinaryContentAs(tmp.resolve("b/catalog.csv"));
    assertThat(tmp.resolve("a/images/sofas-emerald.svg"))
        .hasSameBinaryContentAs(tmp.resolve("b/images/sofas-emerald.svg"));
    assertThat(out.toString()).contains("generated ", " events ", "events/s", "catalog.csv");
  }

  @Test
  void generated_shop_ingests_with_its_catalog() {
    assertThat(run("generate", "--products", "200", "--customers", "300", "--days", "14",
        "--start", "2025-03-01", "--out", tmp.resolve("shop").toString())).isZero();
    assertThat(run("ingest", "--strict", "--catalog", tmp.resolve("shop/catalog.csv").toString(),
        "--out", tmp.resolve("shop.corpus").toString(), tmp.resolve("shop/events.csv").toString()))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("catalog: 200 rows");
  }

  @Test
  void bad_values_exit_with_the_bad_input_code_and_say_which() {
    assertThat(run("generate", "--products", "0", "--out", tmp.resolve("x").toString()))
        .isEqualTo(AisleCommand.BAD_INPUT);
    assertThat(err.toString()).contains("products must be between 1 and", "was 0");
  }

  @Test
  void an_output_folder_is_required() {
    assertThat(run("generate")).isEqualTo(AisleCommand.BAD_INPUT);
    assertThat(err.toString()).contains("--out");
  }
}
