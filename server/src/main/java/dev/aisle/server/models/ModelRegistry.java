package dev.aisle.server.models;

import dev.aisle.modelfile.ModelFile;
import dev.aisle.server.request.ApiException;
import dev.aisle.server.shop.Shop;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models the server answers with, by name; the first is the default. {@link #load()} loads
 * them the first time, reporting its progress ({@link #progress()}) while the server already
 * answers {@code /health}; {@link #reload()} loads every file again and swaps the whole set in one
 * atomic step: a request sees either the old set or the new one, never a mix, and a failed reload
 * leaves the old set serving. {@link #watch} reloads when a model file changes.
 *
 * <p>Thread-safe.
 */
public final class ModelRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  /** How often the file watch looks at the model files' modification times. */
  private static final long WATCH_SECONDS = 2;

  private final List<ModelSource> sources;
  private final Shop shop;
  private final int annThreshold;
  private final int neighbourListMax;
  private final AtomicReference<Map<String, ServedModel>> live = new AtomicReference<>();
  private final LoadProgress progress = new LoadProgress();
  private volatile long loadedAt;
  private volatile long reloads;

  /**
   * A registry of these models, not loaded yet: see {@link #load()}.
   *
   * @param annThreshold embedding models with at least this many products and no neighbour lists
   *     use HNSW
   * @param neighbourListMax embedding models with at most this many products get neighbour lists
   * @throws dev.aisle.BadInputException for a file that is not a model
   */
  public ModelRegistry(List<ModelSource> sources, Shop shop, int annThreshold,
      int neighbourListMax) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("serve needs at least one --model");
    }
    this.sources = List.copyOf(sources);
    this.shop = shop;
    this.annThreshold = annThreshold;
    this.neighbourListMax = neighbourListMax;
  }

  /**
   * Loads every model the first time, mapping each one's saved indexes or building them.
   *
   * @throws dev.aisle.BadInputException for a file that is not a model
   */
  public synchronized void load() {
    if (live.get() != null) {
      throw new IllegalStateException("the models are loaded already; reload() loads them again");
    }
    reload();
    reloads = 0;
  }

  /** Whether {@link #load()} has finished. */
  public boolean ready() {
    return live.get() != null;
  }

  /** How far the first load has come, for {@code /health}. */
  public Map<String, Object> progress() {
    return progress.toJson();
  }

  /**
   * Loads every model file; on success the new set replaces the old one at once. A named model
   * whose file's checksum has not changed keeps its served model (and its HNSW graph, which takes
   * long to build) and is not read again: a reload needs heap for the changed models only.
   */
  public synchronized Map<String, ServedModel> reload() {
    Map<String, ServedModel> current = live.get();
    Map<String, ServedModel> next = new LinkedHashMap<>();
    for (ModelSource s : sources) {
      ServedModel same = current == null || s.name() == null ? null : current.get(s.name());
      // an unchanged file keeps its served model, without a second copy of it on the heap
      if (same != null && same.path().equals(s.path())
          && same.loaded().checksum().equals(ModelFile.checksum(s.path()))) {
        next.put(s.name(), same);
        continue;
      }
      long start = System.nanoTime();
      progress.report("reading " + s.path() + " (" + megabytes(s.path()) + ")", 0, 0);
      ModelFile.Loaded loaded = ModelFile.read(s.path());
      LOG.info(String.format(Locale.ROOT, "read %s (%s, %,d products) in %.1f s", s.path(),
          loaded.model().algorithm(), loaded.model().products().size(),
          (System.nanoTime() - start) / 1e9));
      String name = s.name() != null ? s.name()
          : uniqueName(next, loaded.model().algorithm());
      same = current == null ? null : current.get(name);
      if (same != null && same.loaded().checksum().equals(loaded.checksum())
          && same.path().equals(s.path())) {
        next.put(name, same);
      } else {
        start = System.nanoTime();
        next.put(name, ServedModel.of(name, s.path(), loaded, shop, annThreshold,
            neighbourListMax, progress));
        LOG.info(String.format(Locale.ROOT, "%s: ready to serve in %.1f s more", name,
            (System.nanoTime() - start) / 1e9));
      }
    }
    live.set(Collections.unmodifiableMap(next));
    loadedAt = System.currentTimeMillis();
    reloads++;
    return next;
  }

  private static String megabytes(java.nio.file.Path file) {
    try {
      return String.format(Locale.ROOT, "%,d MB", Files.size(file) >> 20);
    } catch (IOException e) {
      return "size unknown";
    }
  }

  private static String uniqueName(Map<String, ServedModel> taken, String algorithm) {
    String name = algorithm;
    for (int i = 2; taken.containsKey(name); i++) {
      name = algorithm + i;
    }
    return name;
  }

  /**
   * The model called {@code name}, or the default for null.
   *
   * @throws ApiException naming the {@code model} field for an unknown name; 503 while loading
   */
  public ServedModel get(String name) {
    Map<String, ServedModel> m = all();
    if (name == null || name.isEmpty()) {
      return m.values().iterator().next();
    }
    ServedModel s = m.get(name);
    if (s == null) {
      throw ApiException.badRequest("model", "unknown model '" + name + "'; loaded: "
          + String.join(", ", m.keySet()));
    }
    return s;
  }

  /**
   * Every model by name, the default first.
   *
   * @throws ApiException 503 while the models are still loading
   */
  public Map<String, ServedModel> all() {
    Map<String, ServedModel> m = live.get();
    if (m == null) {
      throw new ApiException(503, null, "the models are still loading; GET /health says how far");
    }
    return m;
  }

  /** Reloads since the start. */
  public long reloads() {
    return reloads;
  }

  /** When the current set was loaded, epoch milliseconds. */
  public long loadedAt() {
    return loadedAt;
  }

  /**
   * Reloads every model whenever a model file's modification time moves past the newest seen,
   * polling every two seconds on {@code scheduler}. A failed reload is logged and the old set
   * keeps serving.
   */
  public void watch(ScheduledExecutorService scheduler) {
    long[] seen = {newestFileTime()};
    scheduler.scheduleWithFixedDelay(() -> {
      long t = newestFileTime();
      if (t > seen[0]) {
        seen[0] = t;
        try {
          reload();
          LOG.info("model files changed: reloaded {}", all().keySet());
        } catch (RuntimeException e) {
          LOG.warn("model files changed but reload failed, still serving the old ones: {}",
              e.getMessage());
        }
      }
    }, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
  }

  /** The newest modification time of the model files. */
  private long newestFileTime() {
    long t = 0;
    for (ModelSource s : sources) {
      try {
        t = Math.max(t, Files.getLastModifiedTime(s.path()).toMillis());
      } catch (IOException e) {
        // a file being replaced; the next poll sees it
      }
    }
    return t;
  }
}
