package dev.aisle.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.generate.GeneratorOptions;
import dev.aisle.generate.GeneratorResult;
import dev.aisle.generate.StoreGenerator;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.modelfile.ModelFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aisle spark} as a user runs it: in-process, Spark started and stopped by the command. */
class SparkCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = SparkCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void help_has_an_example() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Examples:").contains("aisle spark --master 'local[2]'")
        .contains("spark-submit");
  }

  @Test
  void bad_parameters_are_usage_errors_before_spark_starts() {
    Run r = run("--input", "x.csv", "--algorithm", "cooc", "-p", "windw=3", "--out",
        dir.resolve("m.model").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("windw");
    assertThat(run("--input", "x.csv", "--algorithm", "sknn", "--out",
        dir.resolve("m.model").toString()).err()).contains("trains cooc or item2vec");
  }

  @Test
  void trains_a_generated_shop_into_a_model_file_and_names_a_missing_input() {
    GeneratorResult g = StoreGenerator.generate(GeneratorOptions.of(150, 300, 10, 4),
        dir.resolve("shop"));
    Path model = dir.resolve("shop.model");
    Run r = run("--master", "local[2]", "--input", g.eventsFile().toString(), "--algorithm",
        "item2vec", "-p", "epochs=3", "-p", "dim=16", "--rounds", "2", "--out",
        model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("trained item2vec on Spark (local[2])").contains("wrote");
    ModelFile.Loaded loaded = ModelFile.read(model);
    assertThat(loaded.info().options()).containsEntry("epochs", 3)
        .containsEntry("spark.rounds", 2).containsEntry("spark.combine", "sum");
    float[] scores = new float[loaded.model().products().size()];
    loaded.model().scoreRelated(0, scores);
    assertThat(TopK.select(scores, 3, p -> p == 0)).extracting(ScoredItem::score)
        .allSatisfy(s -> assertThat(s).isGreaterThan(0f));

    Run missing = run("--master", "local[2]", "--input", dir.resolve("nope.csv").toString(),
        "--algorithm", "cooc", "--out", model.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.csv: no such file");
  }
}
