package dev.aisle.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.aisle.BadInputException;
import dev.aisle.events.Event;
import dev.aisle.events.EventLog;
import dev.aisle.events.EventLogUnavailableException;
import dev.aisle.fresh.FreshIndex;
import dev.aisle.model.pop.PopularityModel;
import dev.aisle.retrain.RetrainHistory;
import dev.aisle.retrain.RetrainRun;
import dev.aisle.search.SearchBackend;
import dev.aisle.search.SearchEngineException;
import dev.aisle.server.access.AccessControl;
import dev.aisle.server.access.RateLimiter;
import dev.aisle.server.experiment.ExperimentServing;
import dev.aisle.server.experiment.ExperimentSpec;
import dev.aisle.server.experiment.Experiments;
import dev.aisle.server.live.LiveSessions;
import dev.aisle.server.models.ModelRegistry;
import dev.aisle.server.models.ModelSource;
import dev.aisle.server.models.ServedModel;
import dev.aisle.server.recommend.EngineBackends;
import dev.aisle.server.recommend.FreshAnswers;
import dev.aisle.server.recommend.RecommendationService;
import dev.aisle.server.request.ApiException;
import dev.aisle.server.request.JsonBody;
import dev.aisle.server.request.PostedEvent;
import dev.aisle.server.request.QueryParams;
import dev.aisle.server.request.RecommendRequest;
import dev.aisle.server.request.RequestLimits;
import dev.aisle.server.request.Rules;
import dev.aisle.server.shop.Shop;
import dev.aisle.server.vectors.ProductMap;
import dev.aisle.server.vectors.UnitVectors;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aisle's HTTP API: its routes, their handlers and the server's lifecycle. Start it, ask it,
 * stop it:
 *
 * <pre>
 * try (AisleServer server = AisleServer.start(ServerOptions.builder(List.of("shop.model"))
 *     .catalog(catalog).build())) {
 *   // GET http://127.0.0.1:{server.port()}/api/products/P000001/related?k=10
 * }
 * </pre>
 *
 * Every malformed request gets a 4xx JSON error naming the field at fault ({@link
 * dev.aisle.server.request}); nothing a client sends produces a 5xx or a stack trace. Read
 * endpoints are open; events and admin endpoints need the API key once one is set ({@link
 * AccessControl}).
 */
public final class AisleServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AisleServer.class);
  /** Writes into the response stream without flushing or closing it: Jetty then sends a length. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
      .build();
  private static final int MAX_MAP_POINTS = 20_000;
  /** Customers whose live sessions are held at most. */
  private static final int MAX_LIVE_CUSTOMERS = 100_000;
  /** Completed live sessions kept for freshness between retrains. */
  private static final int FRESH_SESSIONS = 200_000;
  /** How far back a start replays the event log at most (a model older than that is stale). */
  private static final long MAX_REPLAY_MILLIS = 7 * 86_400_000L;

  /** Where the web module puts the built app on the class path. */
  static final String BUILT_IN_WEB = "/dev/aisle/web/app";

  private final ServerOptions options;
  private final AccessControl access;
  private final ModelRegistry models;
  private final Shop shop;
  /** Set once the models are loaded, before any request can reach it. */
  private volatile RecommendationService recommendations;
  private final LiveSessions sessions;
  private final RequestMetrics metrics = new RequestMetrics();
  private final Evaluation evaluation;
  private final byte[] openApi;
  private final ScheduledExecutorService background;
  private final Map<String, ProductMap> maps = new ConcurrentHashMap<>();
  private final Javalin app;
  private volatile EngineBackends engines = EngineBackends.NONE;
  private final Experiments experiments;
  private final ExperimentServing serving;
  private final Learning learning;
  private final EventLog eventLog;
  private final FreshIndex fresh = new FreshIndex(FRESH_SESSIONS);

  private AisleServer(ServerOptions options, Map<String, SearchBackend> backends,
      Learning learning) {
    this.options = options;
    this.learning = learning;
    this.eventLog = learning.events();
    this.access = new AccessControl(options.apiKey(), options.collectKey(),
        options.collectKey() == null ? null : new RateLimiter(options.collectRate(),
            (int) Math.max(1, Math.ceil(5 * options.collectRate()))), options.corsOrigins());
    this.shop = Shop.load(options.catalog());
    this.models = new ModelRegistry(options.models(), shop, options.annThreshold(),
        options.neighbourListMax());
    this.sessions = new LiveSessions(options.sessionGap(), MAX_LIVE_CUSTOMERS,
        RequestLimits.MAX_SESSION, fresh::fold);
    replayEventLog();
    eventLog.follow(e -> sessions.add(e.customer(), e.product(), e.millis()));
    this.evaluation = options.evaluation() == null ? null
        : Evaluation.read(options.evaluation(), JSON);
    this.openApi = resource("openapi.json");
    // the served names are known before the models load: experiments are checked against them
    this.experiments = Experiments.open(options.experiments(), options.experimentLog(),
        options.sessionGap(), options.models().stream().map(ModelSource::name).toList());
    this.serving = new ExperimentServing(experiments, models);
    metrics.gauge("aisle_models_loaded", () -> models.ready() ? models.all().size() : 0);
    metrics.gauge("aisle_model_reloads_total", models::reloads);
    metrics.gauge("aisle_live_sessions", sessions::size);
    metrics.gauge("aisle_fresh_sessions_folded_total", fresh::folded);
    eventLog.counters().forEach((name, value) -> metrics.gauge("aisle_event_log_" + name, value));
    metrics.gauge("aisle_session_scan_block_share", () -> !models.ready() ? 0
        : models.all().values().stream().mapToDouble(m -> m.retrieval().scannedShare()).max()
            .orElse(0));
    this.background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "aisle-background");
      t.setDaemon(true);
      return t;
    });
    // a session ends once idle for the gap; it is folded into the fresh index at the next tick
    long tick = Math.max(100, Math.min(30_000, options.sessionGap().toMillis() / 2));
    long[] seenLoad = {models.loadedAt()};
    background.scheduleAtFixedRate(() -> {
      sessions.expire(System.currentTimeMillis());
      if (models.loadedAt() != seenLoad[0]) {
        seenLoad[0] = models.loadedAt();
        dropLearnedSessions();
      }
    }, tick, tick, TimeUnit.MILLISECONDS);
    background.scheduleAtFixedRate(experiments::force, 1, 1, TimeUnit.SECONDS);
    this.app = Javalin.create(config -> {
      config.jetty.host = options.host();
      config.jetty.port = options.port();
      // bodies up to 4x the limit are read whole and then refused with 413, so the client gets
      // the answer instead of a reset connection; larger ones Javalin refuses itself
      config.http.maxRequestSize = 4L * RequestLimits.MAX_BODY;
      config.startup.showJavalinBanner = false;
      staticFiles(config);
      routes(config);
    });
  }

  /**
   * Loads the catalog, starts listening, then loads the models and returns once they serve.
   * While they load, {@code /health} answers 503 with how far loading has come and model
   * endpoints answer 503.
   */
  public static AisleServer start(ServerOptions options) {
    return start(options, Map.of());
  }

  /**
   * As {@link #start(ServerOptions)}; models named in {@code backends} are answered by a search
   * engine that holds their export ({@code aisle serve --backend}).
   *
   * @param backends engine by model name ({@code ""} for the default model); the server closes
   *     them when it closes
   * @throws dev.aisle.BadInputException when an engine does not hold the model file's export
   */
  public static AisleServer start(ServerOptions options, Map<String, SearchBackend> backends) {
    return start(options, backends, Learning.NONE);
  }

  /**
   * As {@link #start(ServerOptions, Map)}, storing every accepted event in the learning's event
   * log before answering (after rebuilding the live sessions from it), and showing its retrains.
   *
   * @param learning the server closes its event log when it closes
   */
  public static AisleServer start(ServerOptions options, Map<String, SearchBackend> backends,
      Learning learning) {
    AisleServer s = new AisleServer(options, backends, learning);
    try {
      s.app.start();
      LOG.info("listening on http://{}:{}/ while the models load (GET /health says how far)",
          options.host(), s.port());
      s.models.load();
      s.engines = backends.isEmpty() ? EngineBackends.NONE
          : EngineBackends.attach(backends, s.models);
      s.recommendations = new RecommendationService(s.shop, s.engines,
          new FreshAnswers(s.fresh, s.shop));
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    if (options.watch()) {
      s.models.watch(s.background);
    }
    LOG.info("serving {} on http://{}:{}/", s.models.all().keySet(), options.host(), s.port());
    return s;
  }

  /** The port the server listens on (useful with port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    background.shutdownNow();
    app.stop();
    engines.close();
    eventLog.close();
    experiments.close();
  }

  // ---- configuration

  /** The catalog's images at /images, and the web app (given, or built in) at /. */
  private void staticFiles(JavalinConfig config) {
    if (options.catalog() != null) {
      Path images = options.catalog().toAbsolutePath().getParent().resolve("images");
      if (Files.isDirectory(images)) {
        config.staticFiles.add(sf -> {
          sf.hostedPath = "/images";
          sf.directory = images.toString();
          sf.location = Location.EXTERNAL;
        });
      }
    }
    if (options.webRoot() != null) {
      config.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = options.webRoot().toAbsolutePath().toString();
        sf.location = Location.EXTERNAL;
      });
      config.spaRoot.addFile("/", options.webRoot().resolve("index.html").toAbsolutePath()
          .toString(), Location.EXTERNAL);
    } else if (AisleServer.class.getResource(BUILT_IN_WEB + "/index.html") != null) {
      // the storefront and dashboard built by the web module, when it is on the class path
      config.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = BUILT_IN_WEB;
        sf.location = Location.CLASSPATH;
      });
      config.spaRoot.addFile("/", BUILT_IN_WEB + "/index.html", Location.CLASSPATH);
    }
  }

  private void routes(JavalinConfig config) {
    var r = config.routes;
    r.before(ctx -> {
      ctx.attribute("aisle.t0", System.nanoTime());
      access.corsHeaders(ctx.header("Origin")).forEach(ctx::header);
    });
    r.after(this::recordMetrics);
    r.options("/api/*", ctx -> ctx.status(204));
    r.get("/health", route("/health", this::health));
    r.get("/metrics", route("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4")
        .result(metrics.scrape())));
    r.get("/api/openapi.json", route("/api/openapi.json",
        ctx -> ctx.contentType("application/json").result(openApi)));
    r.get("/api/models", route("/api/models", ctx -> json(ctx, describeModels())));
    r.get("/api/models/{name}/map", route("/api/models/{name}/map", this::productMap));
    r.get("/api/evaluation", route("/api/evaluation", this::evaluation));
    r.get("/api/products", route("/api/products", this::listProducts));
    r.get("/api/products/{id}", route("/api/products/{id}", this::product));
    r.get("/api/products/{id}/related", route("/api/products/{id}/related", this::related));
    r.post("/api/recommendations", route("/api/recommendations", this::recommend));
    r.post("/api/events", route("/api/events", this::events));
    r.get("/api/customers/{id}/recommendations",
        route("/api/customers/{id}/recommendations", this::customer));
    r.post("/api/admin/reload", route("/api/admin/reload", this::reload));
    r.get("/api/retrains", route("/api/retrains", this::retrains));
    r.get("/api/config", route("/api/config", this::clientConfig));
    r.get("/api/experiments", route("/api/experiments",
        ctx -> json(ctx, experiments.report())));
    r.get("/api/experiments/{name}", route("/api/experiments/{name}",
        ctx -> json(ctx, experiments.report(ctx.pathParam("name")))));
    r.post("/api/admin/experiments", route("/api/admin/experiments", this::startExperiment));
    r.post("/api/admin/experiments/{name}/end", route("/api/admin/experiments/{name}/end",
        this::endExperiment));
    // after every /api route: an unknown /api path is a JSON 404 for any client, never the web
    // app's index page (its history fallback answers whoever accepts text/html, curl's */* too)
    r.get("/api/*", route("unmatched", ctx -> {
      throw new ApiException(404, null, "no such endpoint: GET " + ctx.path());
    }));
    r.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.field(),
        e.getMessage()));
    r.exception(BadInputException.class, (e, ctx) -> error(ctx, 400, null, e.getMessage()));
    r.exception(EventLogUnavailableException.class, (e, ctx) -> {
      ctx.header("Retry-After", "5");
      error(ctx, 503, null, e.getMessage());
    });
    r.exception(SearchEngineException.class, (e, ctx) -> {
      LOG.warn("search backend failed on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
      error(ctx, e.status() == 0 ? 503 : 502, null, "the search backend failed: "
          + e.getMessage());
    });
    r.exception(HttpResponseException.class,
        (e, ctx) -> error(ctx, e.getStatus(), null, e.getMessage()));
    r.exception(Exception.class, (e, ctx) -> {
      LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, 500, null, "internal error; the server log has the details");
    });
    r.error(404, "*", ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
        error(ctx, 404, null, "no such endpoint: " + ctx.method() + " " + ctx.path());
      }
    });
    r.error(405, "*", ctx -> error(ctx, 405, null, "method not allowed"));
  }

  // ---- handlers

  /** 200 with the models once they serve; 503 with how far loading has come until then. */
  private void health(Context ctx) {
    if (!models.ready()) {
      ctx.status(503);
      json(ctx, Map.of("status", "loading", "loading", models.progress()));
      return;
    }
    json(ctx, Map.of("status", "ok", "models", models.all().keySet()));
  }

  private void listProducts(Context ctx) {
    int page = QueryParams.integer("page", ctx.queryParam("page"), 0, 0, 1_000_000);
    int size = QueryParams.integer("size", ctx.queryParam("size"), 24, 1, 200);
    json(ctx, shop.search(ctx.queryParam("q"), ctx.queryParam("category"), page, size,
        models.get(null).model().products()));
  }

  private void product(Context ctx) {
    String id = ctx.pathParam("id");
    int p = models.get(null).model().products().ordinal(id);
    if (!shop.has(id) && p < 0) {
      throw new ApiException(404, "id", "unknown product '" + id + "'");
    }
    json(ctx, shop.card(id).withViews(p < 0 ? 0 : models.get(null).model().products().count(p)));
  }

  private void related(Context ctx) {
    int k = kParam(ctx);
    String id = ctx.pathParam("id");
    json(ctx, serving.serve(ctx.queryParam("model"), ctx.queryParam("experiment"),
        QueryParams.id("visitor", ctx.queryParam("visitor")), k,
        model -> recommendations.related(model, id, k, Rules.NONE)));
  }

  private void recommend(Context ctx) {
    RecommendRequest request = RecommendRequest.parse(JsonBody.parse(ctx.contentType(),
        ctx.bodyAsBytes()));
    json(ctx, serving.serve(request.model(), request.experiment(), request.visitor(),
        request.k(), model -> recommendations.next(model, request.session(), request.k(),
            request.rules())));
  }

  private void events(Context ctx) {
    access.requireEventAccess(ctx.header("X-API-Key"), ctx.header("Authorization"),
        ctx.header("X-Collect-Key"), ctx.ip());
    List<PostedEvent> events = PostedEvent.parse(JsonBody.parse(ctx.contentType(),
        ctx.bodyAsBytes()), System.currentTimeMillis());
    // returns once they are stored: only then are they acknowledged
    eventLog.append(PostedEvent.events(events));
    int credited = 0;
    Map<String, Integer> skipped = new LinkedHashMap<>();
    for (PostedEvent e : events) {
      sessions.add(e.customer(), e.product(), e.millis());
      Experiments.Recorded r = experiments.record(e);
      if (r.skip() != null) {
        skipped.merge(r.skip().label(), 1, Integer::sum);
      } else if (r.outcome() != Experiments.Outcome.NONE) {
        credited++;
      }
    }
    ctx.status(202);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accepted", events.size());
    out.put("credited", credited);
    out.put("skipped", skipped);
    json(ctx, out);
  }

  private void customer(Context ctx) {
    int k = kParam(ctx);
    String customer = ctx.pathParam("id");
    List<String> session = sessions.session(customer, System.currentTimeMillis());
    json(ctx, serving.serve(ctx.queryParam("model"), ctx.queryParam("experiment"), customer, k,
        model -> recommendations.next(model, session, k, Rules.excluding(new HashSet<>(session))))
        .forCustomer(customer));
  }

  /** What the storefront needs to know: the collection key and the default experiment. */
  private void clientConfig(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("collectKey", access.collectKey());
    ExperimentSpec e = experiments.forRequest(null);
    out.put("experiment", e == null ? null : e.name());
    json(ctx, out);
  }

  private void startExperiment(Context ctx) {
    requireKey(ctx);
    var body = JsonBody.parse(ctx.contentType(), ctx.bodyAsBytes());
    if (!body.isObject() || !body.path("name").isTextual()
        || !body.path("definition").isTextual()) {
      throw ApiException.badRequest("body", "expected {\"name\": \"NAME\", \"definition\": "
          + "\"MODEL_A:50,MODEL_B:50\"} or a definition \"interleave:MODEL_A,MODEL_B\"");
    }
    ExperimentSpec spec;
    try {
      spec = ExperimentSpec.parse(body.get("name").asText(), body.get("definition").asText());
      spec.requireModels(models.all().keySet());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("definition", e.getMessage());
    }
    ctx.status(experiments.start(spec) ? 201 : 200);
    json(ctx, Map.of("name", spec.name(), "definition", spec.definition()));
  }

  private void endExperiment(Context ctx) {
    requireKey(ctx);
    experiments.end(ctx.pathParam("name"));
    json(ctx, Map.of("name", ctx.pathParam("name"), "status", "ended"));
  }

  private void productMap(Context ctx) {
    ServedModel model = models.get(ctx.pathParam("name"));
    Optional<UnitVectors> vectors = model.retrieval().vectors();
    if (vectors.isEmpty()) {
      List<String> withVectors = new ArrayList<>();
      models.all().values().stream().filter(m -> m.retrieval().vectors().isPresent())
          .forEach(m -> withVectors.add(m.name()));
      throw new ApiException(404, "name", "model '" + model.name() + "' ("
          + model.model().algorithm() + ") has no product vectors to map; "
          + (withVectors.isEmpty() ? "no loaded model has any (train item2vec)"
              : "models with vectors: " + String.join(", ", withVectors)));
    }
    int limit = QueryParams.integer("limit", ctx.queryParam("limit"), 5000, 1, MAX_MAP_POINTS);
    String key = model.name() + "@" + model.loaded().checksum() + "/" + limit;
    if (!maps.containsKey(key) && maps.size() > 32) {
      maps.clear(); // models were reloaded many times; the live ones are recomputed on demand
    }
    ProductMap map = maps.computeIfAbsent(key, k -> ProductMap.of(vectors.get(), limit));
    json(ctx, map.toJson(model.name(), model.model().products(), model));
  }

  private void evaluation(Context ctx) {
    if (evaluation == null) {
      throw new ApiException(404, null, "no evaluation loaded; start the server with "
          + "--evaluation FILE (written by 'aisle evaluate --json FILE')");
    }
    json(ctx, evaluation.report());
  }

  private void retrains(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    Path history = learning.retrainHistory();
    out.put("history", history == null ? null : history.toString());
    out.put("every", learning.retrainEvery() == null ? null : learning.retrainEvery().toString());
    List<RetrainRun> runs = new ArrayList<>(history == null ? List.of()
        : RetrainHistory.read(history));
    java.util.Collections.reverse(runs);
    out.put("runs", runs);
    if (history == null) {
      out.put("note", "no retrain history: start the server with --event-log DIR; retrains of "
          + "its events ('aisle retrain', or --retrain-every) are recorded in DIR/retrains.json");
    }
    json(ctx, out);
  }

  private void reload(Context ctx) {
    requireKey(ctx);
    try {
      models.reload();
    } catch (BadInputException | UncheckedIOException e) {
      throw new ApiException(409, null, "reload failed, still serving the previous models: "
          + e.getMessage());
    }
    json(ctx, describeModels());
  }

  // ---- helpers

  private void requireKey(Context ctx) {
    access.requireKey(ctx.header("X-API-Key"), ctx.header("Authorization"));
  }

  private static int kParam(Context ctx) {
    return QueryParams.integer("k", ctx.queryParam("k"), RecommendRequest.DEFAULT_K, 1,
        RequestLimits.MAX_K);
  }

  private Handler route(String route, Handler handler) {
    return ctx -> {
      ctx.attribute("aisle.route", route);
      handler.handle(ctx);
    };
  }

  private void recordMetrics(Context ctx) {
    Long t0 = ctx.attribute("aisle.t0");
    String route = ctx.attribute("aisle.route");
    if (t0 != null) {
      metrics.record(route == null ? "unmatched" : route, ctx.method().name(),
          ctx.status().getCode(), System.nanoTime() - t0);
    }
  }

  private Map<String, Object> describeModels() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (ServedModel m : models.all().values()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("name", m.name());
      d.put("algorithm", m.model().algorithm());
      d.put("products", m.model().products().size());
      d.put("file", m.path().toString());
      d.put("checksum", m.loaded().checksum());
      d.put("ann", m.retrieval().approximate());
      d.put("neighbourLists", m.retrieval().neighbourLists());
      d.put("vectors", m.retrieval().vectors().isPresent());
      SearchBackend engine = engines.of(m);
      if (engine != null) {
        d.put("backend", engine.uri().toString());
      }
      d.put("provenance", m.loaded().info());
      d.put("freshness", freshness(m));
      Object results = evaluation == null ? null : evaluation.resultsOf(m.model().algorithm());
      if (results != null) {
        d.put("evaluation", results);
      }
      list.add(d);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("models", list);
    out.put("default", models.all().keySet().iterator().next());
    out.put("loadedAt", Instant.ofEpochMilli(models.loadedAt()).toString());
    if (evaluation != null) {
      out.put("protocol", evaluation.protocol());
    }
    return out;
  }

  /**
   * Rebuilds the live sessions and the fresh index from the event log: every event since the
   * oldest model file was written (at most a week back), so sessions that ended meanwhile count
   * as fresh and those still going stay live.
   */
  private void replayEventLog() {
    long now = System.currentTimeMillis();
    long since = now - options.sessionGap().toMillis();
    // the model files, not the loaded models: the log is replayed before they load
    for (ModelSource m : options.models()) {
      try {
        since = Math.min(since, Files.getLastModifiedTime(m.path()).toMillis());
      } catch (IOException e) {
        // the file is being replaced: the live window is still replayed
      }
    }
    long from = Math.max(since, now - MAX_REPLAY_MILLIS);
    long[] n = {0};
    eventLog.replay(from, e -> {
      sessions.add(e.customer(), e.product(), e.millis());
      n[0]++;
    });
    sessions.expire(now); // those idle for the gap by now are fresh at once, not at the next tick
    if (n[0] > 0) {
      LOG.info("replayed {} events since {} from the event log {}: {} sessions fresh, {} live",
          n[0], Instant.ofEpochMilli(from), eventLog.describe(), fresh.folded(), sessions.size());
    }
  }

  /**
   * After a reload: drops from the fresh index the sessions that every served model has now
   * been trained on, by the retrain history (a model that no recorded retrain swapped in keeps
   * them all).
   */
  private void dropLearnedSessions() {
    if (learning.retrainHistory() == null) {
      return;
    }
    try {
      List<RetrainRun> runs = RetrainHistory.read(learning.retrainHistory());
      long until = Long.MAX_VALUE;
      for (ServedModel m : models.all().values()) {
        Long trained = RetrainHistory.trainedUntil(runs, m.path());
        until = Math.min(until, trained == null ? Long.MIN_VALUE : trained);
      }
      if (until > Long.MIN_VALUE) {
        fresh.dropBefore(until);
        LOG.info("models reloaded: fresh sessions that ended before {} dropped (retrained on), "
            + "{} held", Instant.ofEpochMilli(until), fresh.held());
      }
    } catch (BadInputException e) {
      LOG.warn("cannot read the retrain history: {}", e.getMessage());
    }
  }

  /** How a model takes in the sessions completed since it was trained ({@code /api/models}). */
  private Map<String, Object> freshness(ServedModel m) {
    Map<String, Object> d = new LinkedHashMap<>();
    long last = fresh.lastEventMillis();
    d.put("lastEventFolded", last == Long.MIN_VALUE ? null : Instant.ofEpochMilli(last).toString());
    d.put("sessionsFolded", fresh.folded());
    d.put("sessionsHeld", fresh.held());
    d.put("foldIn", m.retrieval().vectors().isPresent() ? "new products get a vector from the "
        + "products they are browsed with" : m.model() instanceof PopularityModel
        ? "counts of completed sessions added" : "products browsed together in completed "
        + "sessions placed by sessions together");
    return d;
  }

  private static byte[] resource(String name) {
    try (InputStream in = AisleServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a response body straight into the response stream, not through a byte array. */
  private static void json(Context ctx, Object value) {
    ctx.contentType("application/json");
    try {
      JSON.writeValue(ctx.outputStream(), value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void error(Context ctx, int status, String field, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    if (field != null) {
      m.put("field", field);
    }
    m.put("status", status);
    // as the result, not streamed: the 404 handler reads it to tell a JSON error from Javalin's
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(m));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode an error", e);
    }
  }
}
