package dev.aisle.server.recommend;

import dev.aisle.BadInputException;
import dev.aisle.search.IndexInfo;
import dev.aisle.search.SearchBackend;
import dev.aisle.server.models.ModelRegistry;
import dev.aisle.server.models.ServedModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search engines that answer for served models ({@code aisle serve --backend}): the engine holds
 * an export of the model file the server loaded, checked by checksum at start and again every 10
 * seconds. While the two differ (a reload brought a model file the engine does not hold yet, or
 * {@code aisle index --alias} moved the engine to a model the server has not reloaded yet) the
 * model is answered in-process, with a warning: never from a mismatched pair. Once both hold the
 * same model again (the new export behind the alias and the new file, in either order) the
 * engine answers again.
 *
 * <p>Thread-safe.
 */
public final class EngineBackends implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineBackends.class);

  /** How often the checksum of what an engine holds is read again (tests shorten it). */
  static volatile long recheckNanos = 10_000_000_000L;

  /** An engine and the checksum of the model it held when last asked. */
  private static final class Attached {
    final SearchBackend engine;
    volatile String checksum;
    volatile long checkedAt;

    Attached(SearchBackend engine, String checksum) {
      this.engine = engine;
      this.checksum = checksum;
      this.checkedAt = System.nanoTime();
    }

    SearchBackend engine() {
      return engine;
    }

    /** The engine's checksum, read again when it is older than {@link #recheckNanos}. */
    String checksum() {
      if (System.nanoTime() - checkedAt > recheckNanos) {
        checkedAt = System.nanoTime();
        try {
          checksum = engine.info().checksum();
        } catch (RuntimeException e) {
          LOG.warn("cannot read what {} holds: {}", engine.uri(), e.getMessage());
        }
      }
      return checksum;
    }
  }

  private final Map<String, Attached> byModel;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  private EngineBackends(Map<String, Attached> byModel) {
    this.byModel = Map.copyOf(byModel);
  }

  /** No engines: every model answers in-process. */
  public static final EngineBackends NONE = new EngineBackends(Map.of());

  /**
   * Attaches each engine to its model ({@code ""} = the default model) after checking that it
   * holds that model's export.
   *
   * @throws BadInputException naming the engine and the model when they do not match
   */
  public static EngineBackends attach(Map<String, SearchBackend> engines, ModelRegistry models) {
    Map<String, Attached> out = new LinkedHashMap<>();
    for (Map.Entry<String, SearchBackend> e : engines.entrySet()) {
      ServedModel served = models.get(e.getKey().isEmpty() ? null : e.getKey());
      SearchBackend engine = e.getValue();
      IndexInfo info = engine.info();
      String checksum = served.loaded().checksum();
      if (!info.checksum().equals(checksum)) {
        throw new BadInputException(engine.uri() + " holds a " + info.algorithm()
            + " model with checksum " + info.checksum() + ", but model '" + served.name()
            + "' (" + served.path() + ") has checksum " + checksum + "; export it again with "
            + "'aisle index --model " + served.path() + " --to " + engine.uri()
            + " --replace'");
      }
      if (out.containsKey(served.name())) {
        throw new IllegalArgumentException("model '" + served.name() + "' has two backends");
      }
      out.put(served.name(), new Attached(engine, checksum));
      LOG.info("model '{}' is answered by {} ({} products)", served.name(), engine.uri(),
          info.products());
    }
    return new EngineBackends(out);
  }

  /** The engine that answers for {@code served}, or null to answer in-process. */
  public SearchBackend of(ServedModel served) {
    Attached a = byModel.get(served.name());
    if (a == null) {
      return null;
    }
    if (!a.checksum().equals(served.loaded().checksum())) {
      if (warned.add(served.loaded().checksum() + "/" + a.checksum)) {
        LOG.warn("model '{}' (checksum {}) is not what {} holds (checksum {}); answering "
            + "in-process until both hold the same model", served.name(),
            served.loaded().checksum(), a.engine().uri(), a.checksum);
      }
      return null;
    }
    return a.engine();
  }

  @Override
  public void close() {
    byModel.values().forEach(a -> a.engine().close());
  }
}
