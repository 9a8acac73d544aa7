package dev.aisle.server.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisle.server.experiment.ArmTotals.Metric;
import dev.aisle.server.request.ApiException;
import dev.aisle.ingest.EventTypes;
import dev.aisle.server.request.PostedEvent;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running experiments, what they showed and what visitors did with it. Every list shown
 * under an experiment is an impression with its own recommendation id; an event posted with
 * {@code "from": id} is a click on that list, credited to the arm that showed it (or, when
 * interleaved, to the model that contributed the product); a cart or purchase of a product the
 * same visitor clicked from a recommendation earlier in the same session (no pause longer than
 * the session gap) is credited the same way.
 *
 * <pre>
 * try (Experiments ex = Experiments.open(List.of(ExperimentSpec.parse("t=pop:50,hybrid:50")),
 *     Path.of("experiments"), Duration.ofMinutes(30), List.of("pop", "hybrid"))) {
 *   String id = ex.impression(spec, spec.assign("v1"), "v1", List.of("P1", "P2"), now);
 *   ex.record(new PostedEvent("v1", "P2", now, EventTypes.VIEW, id));  // a click
 *   ex.report();  // GET /api/experiments
 * }
 * </pre>
 *
 * <p>Everything counted is appended to an {@link ExperimentLog} (when given a folder) and
 * replayed from it at open, so the counts survive a restart. Events that cannot be credited are
 * counted by reason ({@link Skip}) and reported, never refused: their views still feed the live
 * sessions. The issued ids held are the latest {@value #MAX_ISSUED}; a click on an older list is
 * counted as an unknown id.
 *
 * <p>Thread-safe: one lock, held for microseconds (an append is one write call); a request
 * outside any experiment takes no lock.
 */
public final class Experiments implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Experiments.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Recommendation ids remembered, the oldest forgotten first. */
  public static final int MAX_ISSUED = 100_000;

  /** Visitors whose clicks of the current session are remembered for conversions. */
  static final int MAX_VISITORS = 100_000;

  /** The end of the ids of lists shown outside any experiment. */
  private static final String UNTRACKED = "-n";

  /** Why an event was not credited to any arm. */
  public enum Skip {
    /** {@code from} names a list never issued (or one too old to be remembered). */
    UNKNOWN_FROM("unknownFrom"),
    /** {@code from} names a list shown outside any experiment. */
    OUTSIDE("outsideExperiment"),
    /** The product clicked was not in the list {@code from} names. */
    NOT_IN_LIST("notInList"),
    /** The list was shown to another visitor. */
    OTHER_VISITOR("otherVisitor"),
    /** The same product of the same list clicked again. */
    REPEATED_CLICK("repeatedClick"),
    /** The list belongs to an experiment that has ended. */
    ENDED("experimentEnded"),
    /** A cart of a product not clicked from a recommendation in the session. */
    CART_WITHOUT_CLICK("cartWithoutClick"),
    /** A purchase of a product not clicked from a recommendation in the session. */
    PURCHASE_WITHOUT_CLICK("purchaseWithoutClick");

    private final String label;

    Skip(String label) {
      this.label = label;
    }

    /** As the API writes it. */
    public String label() {
      return label;
    }
  }

  /** What became of one posted event. */
  public enum Outcome {
    /** A view without {@code from}: nothing to credit. */
    NONE,
    CLICK, CART, PURCHASE,
    /** Not credited, for the reason {@link Recorded#skip()} gives. */
    SKIPPED
  }

  /**
   * What became of one posted event.
   *
   * @param skip why it was not credited, or null
   */
  public record Recorded(Outcome outcome, Skip skip) {
    static final Recorded NONE = new Recorded(Outcome.NONE, null);
  }

  private static final class Running {
    final ExperimentSpec spec;
    final ArmTotals[] arms;
    final InterleaveTotals mixed = new InterleaveTotals();
    boolean ended;

    Running(ExperimentSpec spec) {
      this.spec = spec;
      this.arms = new ArmTotals[spec.arms().size()];
      for (int i = 0; i < arms.length; i++) {
        arms[i] = new ArmTotals();
      }
    }
  }

  /** One list shown. {@code teams} is null for a split, where every product is {@code arm}'s. */
  private static final class Impression {
    final Running experiment;
    final String visitor;
    final List<String> products;
    final int arm;
    final byte[] teams;
    final int[] clicksByTeam = new int[2];
    final Set<String> clicked = new HashSet<>(2);

    Impression(Running experiment, String visitor, List<String> products, int arm,
        byte[] teams) {
      this.experiment = experiment;
      this.visitor = visitor;
      this.products = products;
      this.arm = arm;
      this.teams = teams;
    }

    /** The arm credited for {@code product}, or -1 when the list does not hold it. */
    int armOf(String product) {
      int i = products.indexOf(product);
      return i < 0 ? -1 : teams == null ? arm : teams[i];
    }
  }

  private record Credit(Running experiment, int arm) {}

  private final Map<String, Running> running = new LinkedHashMap<>();
  private final List<String> configured = new ArrayList<>();
  private final LinkedHashMap<String, Impression> issued = new LinkedHashMap<>() {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Impression> eldest) {
      return size() > MAX_ISSUED;
    }
  };
  private final SessionCredits<Credit> sessions;
  private final EnumMap<Skip, Long> skipped = new EnumMap<>(Skip.class);
  private final String idPrefix;
  private final AtomicLong sequence = new AtomicLong();
  /** What {@link #forRequest} answers without a name, read without the lock. */
  private volatile ExperimentSpec defaultSpec;
  private ExperimentLog log;
  private long replayFailures;

  private Experiments(Duration sessionGap) {
    this.sessions = new SessionCredits<>(sessionGap.toMillis(), MAX_VISITORS);
    byte[] r = new byte[5];
    new SecureRandom().nextBytes(r);
    StringBuilder p = new StringBuilder();
    for (byte b : r) {
      p.append(String.format(Locale.ROOT, "%02x", b));
    }
    this.idPrefix = p.toString();
  }

  /**
   * Replays the log in {@code logDir} (none when null: counts then live in memory only) and
   * starts the {@code configured} experiments; one the log already holds continues counting.
   *
   * @param models the served models' names
   * @throws IllegalArgumentException for an experiment over a model not served, or one whose
   *     name the log holds with another definition
   */
  public static Experiments open(List<ExperimentSpec> configured, Path logDir, Duration sessionGap,
      Collection<String> models) {
    Experiments ex = new Experiments(sessionGap);
    if (logDir != null) {
      long t0 = System.nanoTime();
      ex.log = ExperimentLog.open(logDir, ex::replay);
      if (ex.log.replayed() > 0) {
        LOG.info("experiment log {}: replayed {} records of {} experiments in {} ms",
            ex.log.file(), ex.log.replayed(), ex.running.size(),
            (System.nanoTime() - t0) / 1_000_000);
      }
    }
    try {
      for (ExperimentSpec spec : configured) {
        spec.requireModels(models);
        try {
          ex.start(spec);
        } catch (ApiException e) {
          throw new IllegalArgumentException(e.getMessage()
              + (logDir == null ? "" : " (the experiment log " + ex.log.file() + " holds it)"));
        }
        ex.configured.add(spec.name());
      }
      ex.chooseDefault();
    } catch (RuntimeException e) {
      ex.close();
      throw e;
    }
    return ex;
  }

  /**
   * Starts an experiment, or continues one of the same name and definition.
   *
   * @return true when it is new
   * @throws ApiException 409 when the name is taken by another definition or has ended
   */
  public synchronized boolean start(ExperimentSpec spec) {
    Running old = running.get(spec.name());
    if (old != null) {
      if (!old.spec.equals(spec)) {
        throw new ApiException(409, "name", "experiment '" + spec.name() + "' already runs as "
            + old.spec.definition() + "; changing it would mix two experiments' counts, so "
            + "give the new one another name");
      }
      if (old.ended) {
        throw new ApiException(409, "name", "experiment '" + spec.name() + "' has ended; "
            + "give a new one another name");
      }
      return false;
    }
    running.put(spec.name(), new Running(spec));
    append(NODES.objectNode().put("r", "start").put("name", spec.name())
        .put("definition", spec.definition()));
    chooseDefault();
    LOG.info("experiment '{}': {}", spec.name(), spec.definition());
    return true;
  }

  /**
   * Ends an experiment: it assigns no more visitors, and its counts stay in the report.
   *
   * @throws ApiException 404 for an unknown name
   */
  public synchronized void end(String name) {
    Running r = running.get(name);
    if (r == null) {
      throw new ApiException(404, "name", "no experiment '" + name + "'; known: "
          + String.join(", ", running.keySet()));
    }
    if (!r.ended) {
      r.ended = true;
      configured.remove(name);
      append(NODES.objectNode().put("r", "end").put("name", name));
      chooseDefault();
    }
  }

  /**
   * The experiment a request takes part in: the one it names, else the default (the first
   * given on the command line, else the first started and not ended), else null.
   *
   * @throws ApiException a 400 naming the {@code experiment} parameter for an unknown or ended
   *     one
   */
  public ExperimentSpec forRequest(String name) {
    if (name == null || name.isEmpty()) {
      return defaultSpec;
    }
    synchronized (this) {
      Running r = running.get(name);
      if (r == null || r.ended) {
        throw ApiException.badRequest("experiment", (r == null ? "unknown experiment '"
            : "experiment has ended: '") + name + "'; running: " + String.join(", ", active()));
      }
      return r.spec;
    }
  }

  /** The default experiment: the first configured, else the first started and not ended. */
  private void chooseDefault() {
    ExperimentSpec d = null;
    if (!configured.isEmpty()) {
      d = running.get(configured.get(0)).spec;
    } else {
      for (Running r : running.values()) {
        if (!r.ended) {
          d = r.spec;
          break;
        }
      }
    }
    defaultSpec = d;
  }

  private List<String> active() {
    List<String> out = new ArrayList<>();
    running.values().stream().filter(r -> !r.ended).forEach(r -> out.add(r.spec.name()));
    return out;
  }

  /** A fresh recommendation id, unique across restarts (a random prefix per start). */
  public String newId() {
    return idPrefix + "-" + Long.toString(sequence.incrementAndGet(), 36);
  }

  /** The id of a list shown outside any experiment: a click on it is counted as such. */
  public String untrackedId() {
    return newId() + UNTRACKED;
  }

  /** Records a list a split showed, with a fresh id; returns the id. */
  public String impression(ExperimentSpec spec, int arm, String visitor, List<String> products,
      long now) {
    String id = newId();
    impression(id, spec, arm, null, visitor, products, now);
    return id;
  }

  /**
   * Records a list shown under {@code id}.
   *
   * @param teams for an interleaved list, the model that contributed each product; else null
   */
  public void impression(String id, ExperimentSpec spec, int arm, byte[] teams,
      String visitor, List<String> products, long now) {
    ObjectNode rec = NODES.objectNode().put("r", "imp").put("id", id).put("e", spec.name())
        .put("v", visitor).put("a", arm).put("t", now);
    products.forEach(rec.putArray("p")::add);
    if (teams != null) {
      StringBuilder t = new StringBuilder(teams.length);
      for (byte b : teams) {
        t.append((char) ('0' + b));
      }
      rec.put("teams", t.toString());
    }
    // encoded before the lock: the busiest path holds it only to write and count
    ByteBuffer line = ExperimentLog.encode(rec);
    List<String> held = List.copyOf(products);
    synchronized (this) {
      Running r = running.get(spec.name());
      if (r == null || r.ended) {
        return; // ended between choosing and recording: the list is shown, not counted
      }
      if (log != null) {
        log.append(line);
      }
      applyImpression(id, r, arm, teams, visitor, held);
    }
  }

  private void applyImpression(String id, Running r, int arm, byte[] teams, String visitor,
      List<String> products) {
    issued.put(id, new Impression(r, visitor, products, arm, teams));
    if (teams == null) {
      r.arms[arm].add(visitor, Metric.IMPRESSIONS);
    } else {
      r.mixed.impressions++;
    }
  }

  /** Credits one posted event, or counts why it cannot be credited. */
  public synchronized Recorded record(PostedEvent e) {
    sessions.seen(e.customer(), e.millis());
    Credit credit;
    if (e.from() != null) {
      Impression imp = issued.get(e.from());
      Skip why = imp == null ? (e.from().endsWith(UNTRACKED) ? Skip.OUTSIDE : Skip.UNKNOWN_FROM)
          : imp.experiment.ended ? Skip.ENDED
          : !imp.visitor.equals(e.customer()) ? Skip.OTHER_VISITOR
          : imp.armOf(e.product()) < 0 ? Skip.NOT_IN_LIST
          : EventTypes.VIEW.equals(e.type()) && imp.clicked.contains(e.product())
              ? Skip.REPEATED_CLICK : null;
      if (why != null) {
        return skip(why);
      }
      credit = new Credit(imp.experiment, imp.armOf(e.product()));
      if (EventTypes.VIEW.equals(e.type())) {
        append(NODES.objectNode().put("r", "click").put("id", e.from()).put("e",
            imp.experiment.spec.name()).put("v", e.customer()).put("p", e.product())
            .put("a", credit.arm()).put("t", e.millis()));
        applyClick(imp, credit, e.customer(), e.product(), e.millis());
        return new Recorded(Outcome.CLICK, null);
      }
    } else if (EventTypes.VIEW.equals(e.type())) {
      return Recorded.NONE;
    } else {
      credit = sessions.creditOf(e.customer(), e.product());
      if (credit == null || credit.experiment().ended) {
        return skip(EventTypes.CART.equals(e.type()) ? Skip.CART_WITHOUT_CLICK
            : Skip.PURCHASE_WITHOUT_CLICK);
      }
    }
    String kind = EventTypes.CART.equals(e.type()) ? "cart" : "purchase";
    append(NODES.objectNode().put("r", kind).put("e", credit.experiment().spec.name())
        .put("v", e.customer()).put("p", e.product()).put("a", credit.arm())
        .put("t", e.millis()));
    applyConversion(credit, e.customer(), e.product(), e.type(), e.millis());
    return new Recorded(EventTypes.CART.equals(e.type()) ? Outcome.CART : Outcome.PURCHASE,
        null);
  }

  private Recorded skip(Skip why) {
    skipped.merge(why, 1L, Long::sum);
    return new Recorded(Outcome.SKIPPED, why);
  }

  /** Counts a click; {@code imp} is null when replaying a click on a list no longer held. */
  private void applyClick(Impression imp, Credit credit, String visitor, String product,
      long millis) {
    Running r = credit.experiment();
    if (r.spec.mode() == ExperimentSpec.Mode.SPLIT) {
      r.arms[credit.arm()].add(visitor, Metric.CLICKS);
    } else if (imp != null) {
      r.mixed.click(credit.arm(), imp.clicksByTeam);
    } else {
      r.mixed.clicks[credit.arm()]++;
    }
    if (imp != null) {
      imp.clicked.add(product);
    }
    sessions.credit(visitor, product, credit, millis);
  }

  private void applyConversion(Credit credit, String visitor, String product,
      String type, long millis) {
    sessions.credit(visitor, product, credit, millis);
    Running r = credit.experiment();
    boolean cart = EventTypes.CART.equals(type);
    if (r.spec.mode() == ExperimentSpec.Mode.SPLIT) {
      r.arms[credit.arm()].add(visitor, cart ? Metric.CARTS : Metric.PURCHASES);
    } else if (cart) {
      r.mixed.carts[credit.arm()]++;
    } else {
      r.mixed.purchases[credit.arm()]++;
    }
  }

  // ---- the log

  private void append(ObjectNode record) {
    if (log != null) {
      log.append(record);
    }
  }

  /** Applies one record of the log as it was applied when written. */
  private void replay(JsonNode rec) {
    try {
      String kind = rec.path("r").asText();
      switch (kind) {
        case "start" -> running.putIfAbsent(rec.get("name").asText(), new Running(
            ExperimentSpec.parse(rec.get("name").asText(), rec.get("definition").asText())));
        case "end" -> running.get(rec.get("name").asText()).ended = true;
        case "imp" -> {
          List<String> products = new ArrayList<>();
          rec.get("p").forEach(p -> products.add(p.asText()));
          byte[] teams = null;
          if (rec.has("teams")) {
            String t = rec.get("teams").asText();
            teams = new byte[t.length()];
            for (int i = 0; i < teams.length; i++) {
              teams[i] = (byte) (t.charAt(i) - '0');
            }
          }
          applyImpression(rec.get("id").asText(), running(rec), rec.get("a").asInt(), teams,
              rec.get("v").asText(), List.copyOf(products));
        }
        case "click" -> applyClick(issued.get(rec.get("id").asText()),
            new Credit(running(rec), rec.get("a").asInt()), rec.get("v").asText(),
            rec.get("p").asText(), rec.get("t").asLong());
        case "cart", "purchase" -> applyConversion(new Credit(running(rec), rec.get("a").asInt()),
            rec.get("v").asText(), rec.get("p").asText(), kind.equals("cart")
                ? EventTypes.CART : EventTypes.PURCHASE, rec.get("t").asLong());
        default -> throw new IllegalArgumentException("unknown record '" + kind + "'");
      }
    } catch (RuntimeException e) {
      replayFailures++;
      LOG.warn("experiment log: record skipped ({}): {}", e.getMessage(), rec);
    }
  }

  private Running running(JsonNode rec) {
    Running r = running.get(rec.get("e").asText());
    if (r == null) {
      throw new IllegalArgumentException("no experiment '" + rec.get("e").asText() + "'");
    }
    return r;
  }

  /** Puts what was appended onto the disk (the server calls this every second). */
  public void force() {
    if (log != null) {
      log.force();
    }
  }

  @Override
  public synchronized void close() {
    if (log != null) {
      log.close();
      log = null;
    }
  }

  // ---- the report

  /** What {@code GET /api/experiments} shows: every experiment's counts, rates and tests. */
  public synchronized Map<String, Object> report() {
    List<Object> list = new ArrayList<>();
    ExperimentSpec first = forRequest(null);
    for (Running r : running.values()) {
      list.add(ExperimentReport.of(r.spec, r.ended, first != null && first.name()
          .equals(r.spec.name()), r.arms, r.mixed));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("experiments", list);
    Map<String, Long> skips = new LinkedHashMap<>();
    for (Skip s : Skip.values()) {
      skips.put(s.label(), skipped.getOrDefault(s, 0L));
    }
    out.put("skipped", skips);
    Map<String, Object> logInfo = new LinkedHashMap<>();
    logInfo.put("file", log == null ? null : log.file().toString());
    logInfo.put("replayed", log == null ? 0 : log.replayed());
    logInfo.put("corrupt", log == null ? 0 : log.corrupt());
    logInfo.put("unusable", replayFailures);
    out.put("log", logInfo);
    return out;
  }

  /**
   * One experiment's part of the report: the one named, or the default one for null.
   *
   * @throws ApiException 404 for an unknown name, or when no experiment runs
   */
  public synchronized Map<String, Object> report(String name) {
    ExperimentSpec first = forRequest(null);
    Running r = name == null ? (first == null ? null : running.get(first.name()))
        : running.get(name);
    if (r == null) {
      throw new ApiException(404, "name", name == null ? "no experiment runs"
          : "no experiment '" + name + "'; known: " + String.join(", ", running.keySet()));
    }
    return ExperimentReport.of(r.spec, r.ended, first != null
        && first.name().equals(r.spec.name()), r.arms, r.mixed);
  }

  /** How many events were skipped for {@code why} since the start. */
  public synchronized long skipped(Skip why) {
    return skipped.getOrDefault(why, 0L);
  }
}
