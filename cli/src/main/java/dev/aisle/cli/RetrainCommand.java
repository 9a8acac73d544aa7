package dev.aisle.cli;

import dev.aisle.events.Segments;
import dev.aisle.kafka.KafkaEventLog;
import dev.aisle.kafka.TopicExport;
import dev.aisle.options.DurationConverter;
import dev.aisle.retrain.RetrainHistory;
import dev.aisle.retrain.RetrainOptions;
import dev.aisle.retrain.RetrainRun;
import dev.aisle.retrain.Retrainer;
import dev.aisle.server.models.ModelSource;
import dev.aisle.session.CleaningOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aisle retrain}: one retrain of the served models from the event log, gated on the most
 * recent day. A command, not a thread of the server, so that a scheduler (cron, a systemd
 * timer, or {@code aisle serve --retrain-every}) runs it as a process of its own, with a lower
 * priority and its own memory: training never takes the server's heap or stalls its requests,
 * and a failed training cannot take the server down.
 */
@Command(
    name = "retrain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Train the served models again on the event log's window (plus the initial "
        + "corpus), evaluate each candidate against the serving model on the most recent day "
        + "(HR@K and MRR@K on the same predictions) and replace the model file only if the "
        + "candidate is not worse by more than --max-drop. Every run is recorded in the "
        + "history (GET /api/retrains); a server with --watch reloads a replaced file.",
        "Run it with lowered priority from a scheduler: 'nice -n 10 aisle retrain ...'."},
    footer = {"", "Examples:",
        "  nice -n 10 aisle retrain --event-log events/ --corpus shop.corpus --model shop.model",
        "  aisle retrain --event-log events/ --model hybrid=shop.model --model i2v=i2v.model "
            + "--train-window 30d -p item2vec:epochs=20",
        "  crontab: 0 */6 * * * nice -n 10 aisle retrain --event-log /srv/aisle/events "
            + "--model /srv/aisle/shop.model"})
final class RetrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--event-log", required = true, paramLabel = "DIR|kafka://HOST:PORT/TOPIC",
      description = "The event log 'aisle serve --event-log' writes: its directory, or its "
          + "Kafka topic (read from the start of the window).")
  String eventLog;

  @Option(names = "--model", required = true, paramLabel = "[NAME=]FILE",
      description = "A served model file to retrain with its algorithm (repeat for more).")
  List<String> models;

  @Option(names = "--corpus", paramLabel = "CORPUS",
      description = "The corpus the shop started with ('aisle ingest'), added to the log.")
  Path corpus;

  @Option(names = "--catalog", paramLabel = "FILE", description = "The catalog.")
  Path catalog;

  @Option(names = "--train-window", defaultValue = "30d", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "Sessions starting this long before the newest "
          + "event are trained on. Default: ${DEFAULT-VALUE}.")
  Duration window;

  @Option(names = "--test-days", defaultValue = "1", paramLabel = "DAYS",
      description = "The most recent days the gate evaluates on. Default: ${DEFAULT-VALUE}.")
  double testDays;

  @Option(names = "--k", defaultValue = "20", description = "HR@K and MRR@K. Default: "
      + "${DEFAULT-VALUE}.")
  int k;

  @Option(names = "--max-drop", defaultValue = "0.01", paramLabel = "X",
      description = "How much lower (absolute) the candidate's HR@K or MRR@K may be than the "
          + "serving model's and still be swapped in. Default: ${DEFAULT-VALUE}.")
  double maxDrop;

  @Option(names = "--session-gap", defaultValue = "30m", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "Default: ${DEFAULT-VALUE}.")
  Duration gap;

  @Option(names = {"-p", "--param"}, paramLabel = "ALGORITHM:NAME=VALUE",
      description = "A hyperparameter for the models of one algorithm, e.g. -p item2vec:dim=64; "
          + "the others train with their defaults.")
  List<String> params = new ArrayList<>();

  @Option(names = "--history", paramLabel = "FILE",
      description = "Where runs are recorded. Default: DIR/retrains.json; needed with Kafka.")
  Path history;

  @Mixin TrainingOptions run = new TrainingOptions();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    boolean kafka = KafkaEventLog.isUri(eventLog);
    if (kafka && history == null) {
      throw new IllegalArgumentException("--history FILE is needed with a Kafka event log");
    }
    Path file = history != null ? history : RetrainHistory.of(Path.of(eventLog));
    List<RetrainRun> before = RetrainHistory.read(file);
    List<Retrainer.Target> targets = new ArrayList<>();
    for (ModelSource s : ModelSource.parse(models)) {
      String name = s.name() != null ? s.name() : s.path().getFileName().toString();
      targets.add(new Retrainer.Target(name, s.path(), params,
          RetrainHistory.trainedUntil(before, s.path())));
    }
    Path scratch = Files.createTempDirectory("aisle-retrain");
    RetrainRun result;
    try {
      Path segments = kafka ? fromTopic(scratch) : Path.of(eventLog);
      RetrainOptions o = new RetrainOptions(segments, corpus, catalog, window, testDays, k,
          maxDrop, gap, CleaningOptions.DEFAULTS, run.seed, run.threads);
      result = Retrainer.run(o, targets, scratch, line -> {
        out.println(line);
        out.flush();
      });
    } finally {
      deleteTree(scratch);
    }
    RetrainHistory.append(file, result);
    out.println("recorded in " + file);
    return result.error() == null ? AisleCommand.OK : AisleCommand.FAILURE;
  }

  /** The topic's events of the window (by the servers' clocks) as a segment in scratch. */
  private Path fromTopic(Path scratch) throws IOException {
    Path dir = Files.createDirectories(scratch.resolve("topic"));
    long n = TopicExport.write(eventLog, System.currentTimeMillis() - window.toMillis(),
        Segments.path(dir, 1));
    spec.commandLine().getOut().printf("read %,d events of %s%n", n, eventLog);
    return dir;
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
