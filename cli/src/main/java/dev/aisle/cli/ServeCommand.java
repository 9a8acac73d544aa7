package dev.aisle.cli;

import dev.aisle.events.EventLog;
import dev.aisle.events.EventLogOptions;
import dev.aisle.events.FsyncPolicy;
import dev.aisle.events.SegmentLog;
import dev.aisle.kafka.KafkaEventLog;
import dev.aisle.retrain.RetrainHistory;
import dev.aisle.options.DurationConverter;
import dev.aisle.search.SearchBackend;
import dev.aisle.search.engines.SearchEngines;
import dev.aisle.server.AisleServer;
import dev.aisle.server.Learning;
import dev.aisle.server.ServerOptions;
import dev.aisle.server.experiment.ExperimentSpec;
import dev.aisle.server.models.ModelRegistry;
import dev.aisle.server.shop.Shop;
import dev.aisle.tune.TunedConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aisle serve}: the HTTP API. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Serve recommendations over HTTP: /api/products/{id}/related, "
        + "/api/recommendations, /api/events, /api/customers/{id}/recommendations, "
        + "/api/products, /api/models, /api/experiments, /health, /metrics; the API is described at "
        + "/api/openapi.json. The storefront is at / and the model dashboard at /dashboard. "
        + "Stop with Ctrl-C."},
    footer = {"", "Examples:", "  aisle serve --model yc.model --port 8080",
        "  aisle serve --model hybrid=shop.model --model i2v=i2v.model --catalog shop/catalog.csv",
        "  AISLE_API_KEY=secret aisle serve --model shop.model --cors-origin '*' --watch",
        "  aisle serve --model shop.model --event-log events/ --fsync always",
        "  aisle serve --model shop.model --event-log events/ --retrain-every 6h "
            + "--train-window 30d --retrain-corpus shop.corpus",
        "  aisle serve --model shop.model --event-log events/ --retrain-every 6h "
            + "--algorithms item2vec,sknn --config tuned.json",
        "  aisle serve --model shop.model --event-log kafka://broker:9092/aisle-events",
        "  aisle serve --model shop.model --catalog shop/catalog.csv "
            + "--backend solr://localhost:8983/shop",
        "  aisle serve --model pop=pop.model --model hybrid=hybrid.model "
            + "--experiment ranker=pop:50,hybrid:50 --experiment-log experiments/",
        "  aisle serve --model pop=pop.model --model hybrid=hybrid.model "
            + "--experiment mixed=interleave:pop,hybrid",
        "  aisle serve --model i2v.model --prepare-only   # build the indexes once, after train"})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "[NAME=]FILE",
      description = "A model to serve (repeat for more; the first is the default).")
  List<String> models;

  @Option(names = "--catalog", paramLabel = "FILE",
      description = "The catalog (names, categories, prices, images; images/ beside it is "
          + "served at /images).")
  Path catalog;

  @Option(names = "--port", defaultValue = "" + ServerOptions.DEFAULT_PORT,
      description = "Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = ServerOptions.DEFAULT_HOST,
      description = "Address to listen on (0.0.0.0 for all). Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "Key that events and admin requests must send (X-API-Key); default: the "
          + "AISLE_API_KEY environment variable, else none.")
  String apiKey = System.getenv("AISLE_API_KEY");

  @Option(names = "--collect-key", paramLabel = "KEY",
      description = "Public key with which browsers post events (X-Collect-Key, served to the "
          + "storefront by /api/config) when --api-key protects them; it opens events only, at "
          + "--collect-rate per client address. Default: AISLE_COLLECT_KEY, else a random key "
          + "when --api-key is set; 'none' turns it off.")
  String collectKey = System.getenv("AISLE_COLLECT_KEY");

  @Option(names = "--collect-rate", paramLabel = "N",
      defaultValue = "" + ServerOptions.DEFAULT_COLLECT_RATE,
      description = "Event posts a second each client address may make with the collection "
          + "key (bursts of 5 seconds' worth). Default: ${DEFAULT-VALUE}.")
  double collectRate;

  @Option(names = "--experiment", paramLabel = "NAME=DEFINITION",
      description = "An online experiment between served models (repeat for more; the first is "
          + "the default): NAME=MODEL_A:50,MODEL_B:50 splits visitors by weight (whole "
          + "percentages adding up to 100), NAME=interleave:MODEL_A,MODEL_B mixes both models "
          + "into every list (team draft). Results: /api/experiments and /dashboard.")
  List<String> experiments = new ArrayList<>();

  @Option(names = "--experiment-log", paramLabel = "DIR",
      description = "Folder of the experiments' append-only log, replayed at start so counts "
          + "survive a restart. Default: the --event-log folder when it is one, else none "
          + "(counts in memory only).")
  Path experimentLog;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN",
      description = "An origin allowed to call the API from a browser, or '*'.")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--session-gap", defaultValue = "30m", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "Pause that starts a new live session. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration gap;

  @Option(names = "--ann-threshold", defaultValue = "" + ServerOptions.DEFAULT_ANN_THRESHOLD,
      paramLabel = "N",
      description = "Embedding models with this many products or more, and too many for "
          + "neighbour lists, use HNSW. Default: ${DEFAULT-VALUE}.")
  int annThreshold;

  @Option(names = "--neighbour-lists-up-to",
      defaultValue = "" + ServerOptions.DEFAULT_NEIGHBOUR_LIST_MAX, paramLabel = "N",
      description = "Embedding models with at most this many products get exact neighbour lists "
          + "(n^2 work, once: saved beside the model), making /related a lookup; larger ones "
          + "get approximate lists from the HNSW graph; 0 turns exact lists off. "
          + "Default: ${DEFAULT-VALUE}.")
  int neighbourListMax;

  @Option(names = "--backend", paramLabel = "[NAME=]URI",
      description = "A search engine that answers for a model (the default one without NAME=), "
          + "holding its export from 'aisle index': solr://HOST:PORT/COLLECTION, "
          + "opensearch://HOST:PORT/INDEX or elasticsearch://HOST:PORT/INDEX. The model file "
          + "is still loaded: for the products, popularity fallback and reasons.")
  List<String> backends = new ArrayList<>();

  @Option(names = "--watch", description = "Reload the models when their files change.")
  boolean watch;

  @Option(names = "--web", paramLabel = "DIR", description = "A built web app to serve at / instead of the storefront and dashboard "
          + "built into Aisle.")
  Path web;

  @Option(names = "--evaluation", paramLabel = "FILE",
      description = "An 'aisle evaluate --json' file: /api/evaluation serves it, /api/models "
          + "shows its metrics, and the dashboard (/dashboard) draws it.")
  Path evaluation;

  @Option(names = "--prepare-only",
      description = "Load the models, build and save their serving indexes beside each model "
          + "file (MODEL.index/: neighbour lists, HNSW graph, session-scan blocks, sknn's "
          + "related lists) where they "
          + "are missing or stale, and exit without serving. Run it after 'aisle train' so that "
          + "'aisle serve' maps them and answers in seconds.")
  boolean prepareOnly;

  @Option(names = "--event-log", paramLabel = "DIR|kafka://HOST:PORT/TOPIC",
      description = "Store every accepted event before answering: in CSV segments in DIR "
          + "(Aisle's log format: 'aisle ingest DIR/*.csv' reads them), or on a Kafka topic "
          + "that several servers share (each folds in the others' events). Live sessions are "
          + "rebuilt from it on start. Without it events live only in memory.")
  String eventLog;

  @Option(names = "--retrain-history", paramLabel = "FILE",
      description = "The retrain history GET /api/retrains shows. Default: DIR/retrains.json "
          + "for a directory event log; needed with Kafka.")
  Path retrainHistory;

  @Option(names = "--fsync", defaultValue = "always", paramLabel = "always|interval",
      description = "always: answer once an fsync covered the events (group commit across "
          + "requests; survives a power cut); interval: once written to the OS, fsync every "
          + "--fsync-interval (survives a crash of the server). Default: ${DEFAULT-VALUE}.")
  String fsync;

  @Option(names = "--fsync-interval", defaultValue = "200ms", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "Default: ${DEFAULT-VALUE}.")
  Duration fsyncInterval;

  @Option(names = "--segment-size", defaultValue = "64", paramLabel = "MiB",
      description = "An event log segment closes at this size. Default: ${DEFAULT-VALUE}.")
  long segmentMib;

  @Option(names = "--segment-age", defaultValue = "1h", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "An event log segment closes at this age. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration segmentAge;

  @Option(names = "--retrain-every", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "Run 'aisle retrain' on the event log this often, as a child process with "
          + "lowered priority; a model that passes the quality gate is swapped in without "
          + "stopping. Needs --event-log. GET /api/retrains shows every run.")
  Duration retrainEvery;

  @Option(names = "--train-window", defaultValue = "30d", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "The retrain's window. Default: ${DEFAULT-VALUE}.")
  Duration trainWindow;

  @Option(names = "--retrain-corpus", paramLabel = "CORPUS",
      description = "The corpus the shop started with, added to the log's window on retrains.")
  Path retrainCorpus;

  @Option(names = "--retrain-param", paramLabel = "ALGORITHM:NAME=VALUE",
      description = "A hyperparameter for retrains, as 'aisle retrain -p'.")
  List<String> retrainParams = new ArrayList<>();

  @Option(names = "--algorithms", paramLabel = "LIST",
      description = "Retrain only the models of these algorithms, as 'aisle retrain "
          + "--algorithms'. Default: all served models.")
  String retrainAlgorithms;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A tuned.json ('aisle tune') whose best settings retrains use, as 'aisle "
          + "retrain --config'.")
  Path retrainConfig;

  /** An {@code --experiment} option's value, refused naming the option. */
  static ExperimentSpec experiment(String definition) {
    try {
      return ExperimentSpec.parse(definition);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--experiment " + definition + ": " + e.getMessage(), e);
    }
  }

  /** The folder of a directory event log, where experiment counts go too; null for Kafka. */
  private static Path besideEvents(String eventLog) {
    return eventLog == null || eventLog.contains("://") ? null : Path.of(eventLog);
  }

  /** The collection key: as given, none, or a random one when an API key is set. */
  static String collectKey(String apiKey, String given) {
    if ("none".equals(given)) {
      return null;
    }
    if (given != null && !given.isEmpty()) {
      return given;
    }
    if (apiKey == null || apiKey.isEmpty()) {
      return null;
    }
    byte[] r = new byte[16];
    new SecureRandom().nextBytes(r);
    return HexFormat.of().formatHex(r);
  }

  @Override
  public Integer call() throws InterruptedException {
    if (retrainEvery != null && eventLog == null) {
      throw new IllegalArgumentException("--retrain-every needs --event-log: retrains learn "
          + "from the events the server stores");
    }
    if (retrainEvery == null && (retrainAlgorithms != null || retrainConfig != null)) {
      throw new IllegalArgumentException("--algorithms and --config are for retrains: they need "
          + "--retrain-every");
    }
    if (retrainAlgorithms != null) {
      RetrainCommand.chosen(retrainAlgorithms); // bad names fail now, not at the first retrain
    }
    if (retrainConfig != null) {
      TunedConfig.read(retrainConfig);
    }
    ServerOptions options = ServerOptions.builder(models).catalog(catalog).host(host).port(port)
        .apiKey(apiKey).corsOrigins(corsOrigins).sessionGap(gap).annThreshold(annThreshold)
        .neighbourListMax(neighbourListMax).watch(watch || retrainEvery != null).webRoot(web)
        .evaluation(evaluation)
        .experiments(experiments.stream().map(ServeCommand::experiment).toList())
        .experimentLog(experimentLog != null ? experimentLog : besideEvents(eventLog))
        .collectKey(collectKey(apiKey, collectKey)).collectRate(collectRate).build();
    if (prepareOnly) {
      new ModelRegistry(options.models(), Shop.load(catalog), annThreshold, neighbourListMax)
          .load();
      spec.commandLine().getOut().println("serving indexes ready beside " + String.join(", ",
          models));
      return AisleCommand.OK;
    }
    Map<String, SearchBackend> engines = new LinkedHashMap<>();
    for (String b : backends) {
      int eq = b.indexOf('=');
      boolean named = eq > 0 && b.indexOf("://") > eq;
      String name = named ? b.substring(0, eq) : "";
      if (engines.put(name, SearchEngines.connect(named ? b.substring(eq + 1) : b)) != null) {
        throw new IllegalArgumentException("--backend: two backends for model '"
            + (name.isEmpty() ? "(default)" : name) + "'");
      }
    }
    boolean kafka = eventLog != null && KafkaEventLog.isUri(eventLog);
    Path history = retrainHistory != null ? retrainHistory
        : eventLog == null || kafka ? null : RetrainHistory.of(Path.of(eventLog));
    if (retrainEvery != null && history == null) {
      throw new IllegalArgumentException("--retrain-every with a Kafka event log needs "
          + "--retrain-history FILE");
    }
    EventLog log = eventLog == null ? EventLog.NONE
        : kafka ? KafkaEventLog.open(eventLog)
        : SegmentLog.open(new EventLogOptions(Path.of(eventLog), FsyncPolicy.parse(fsync),
            fsyncInterval, segmentMib << 20, segmentAge));
    AisleServer server = AisleServer.start(options, engines, new Learning(log, history,
        retrainEvery));
    RetrainSchedule retrains = retrainEvery == null ? null
        : RetrainSchedule.start(retrainEvery, retrainArgs(history));
    spec.commandLine().getOut().printf("Aisle is serving on http://%s:%d/ (Ctrl-C to stop)%n",
        host, server.port());
    spec.commandLine().getOut().flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (retrains != null) {
        retrains.close();
      }
      server.close();
      stop.countDown();
    }));
    stop.await();
    return AisleCommand.OK;
  }

  /** The arguments of the scheduled {@code aisle retrain}, from this command's. */
  private List<String> retrainArgs(Path history) {
    List<String> a = new ArrayList<>(List.of("--event-log", eventLog, "--history",
        history.toString(),
        "--train-window", trainWindow.toMillis() + "ms", "--session-gap", gap.toMillis() + "ms"));
    for (String m : models) {
      a.addAll(List.of("--model", m));
    }
    if (retrainCorpus != null) {
      a.addAll(List.of("--corpus", retrainCorpus.toString()));
    }
    if (catalog != null) {
      a.addAll(List.of("--catalog", catalog.toString()));
    }
    if (retrainAlgorithms != null) {
      a.addAll(List.of("--algorithms", retrainAlgorithms));
    }
    if (retrainConfig != null) {
      a.addAll(List.of("--config", retrainConfig.toAbsolutePath().toString()));
    }
    for (String p : retrainParams) {
      a.addAll(List.of("-p", p));
    }
    return a;
  }
}
