package dev.aisle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Experiments on the command line: bad definitions are usage errors naming what is wrong. */
class ExperimentCommandTest {
  @TempDir static Path dir;

  private static Path model() {
    Path model = dir.resolve("pop.model");
    if (!model.toFile().exists()) {
      Path shop = dir.resolve("shop");
      CommandLineTest.run("generate", "--products", "100", "--customers", "200", "--out",
          shop.toString());
      Path corpus = dir.resolve("shop.corpus");
      CommandLineTest.run("ingest", "--out", corpus.toString(),
          shop.resolve("events.csv").toString());
      CommandLineTest.Run r = CommandLineTest.run("train", "--corpus", corpus.toString(),
          "--algorithm", "pop", "--out", model.toString());
      assertThat(r.code()).as(r.err()).isZero();
    }
    return model;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "x=pop:50,nope:50      | uses model 'nope', which is not served; loaded: pop",
      "x=pop:50,pop:40       | weights must add up to 100",
      "x=interleave:pop      | mixes exactly two models",
      "x=pop:half,pop:50     | whole percentage",
      "pop:50,pop:50         | must look like NAME=MODEL_A:50,MODEL_B:50"})
  void serve_refuses_a_bad_experiment_with_exit_code_2(String experiment, String message) {
    CommandLineTest.Run r = CommandLineTest.run("serve", "--model", "pop=" + model(), "--port",
        "0", "--experiment", experiment);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(message).doesNotContain("Exception");
  }

  @Test
  void simulate_needs_a_generated_catalog() throws IOException {
    Path catalog = dir.resolve("plain.csv");
    Files.writeString(catalog, "id,name\nP1,Chair\n");
    CommandLineTest.Run r = CommandLineTest.run("simulate", "--serve", "http://127.0.0.1:9",
        "--catalog", catalog.toString(), "--visitors", "1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("plain.csv:1").contains("style, colour and room");
  }
}
