package dev.aisle.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code aisle spark}, as listed by {@code aisle --help}. The Spark job lives in the spark module
 * with Spark at provided scope, so this jar does not hold it: the {@code ./aisle} launcher runs
 * {@code ./aisle spark ...} on the spark module's own classpath, and clusters run its job jar
 * with {@code spark-submit}. Reaching this command means the jar was run directly.
 */
@Command(
    name = "spark",
    mixinStandardHelpOptions = true,
    description = {"Ingest and train on Apache Spark; writes a model 'serve' and 'recommend' "
        + "load.",
        "Run it through the launcher (./aisle spark --help lists its options), which puts "
            + "Spark on the classpath, or submit spark/target/aisle-spark-job.jar to a cluster."},
    footer = {"", "Examples:",
        "  ./aisle spark --master 'local[2]' --format session-rec --input clicks.tsv "
            + "--algorithm cooc --out yc.model",
        "  spark-submit --class dev.aisle.spark.SparkCommand spark/target/aisle-spark-job.jar "
            + "--format otto --input hdfs:///logs/otto.jsonl --algorithm cooc --out otto.model"})
final class SparkLauncherCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Unmatched java.util.List<String> rest;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("aisle: 'spark' runs through the ./aisle launcher, which "
        + "puts Spark on the classpath (this jar does not hold Spark): ./aisle spark --help");
    return AisleCommand.FAILURE;
  }
}
