package dev.aisle.server;

import dev.aisle.BadInputException;
import dev.aisle.search.IndexInfo;
import dev.aisle.search.SearchBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search engines that answer for served models ({@code aisle serve --backend}): the engine holds
 * an export of the model file the server loaded, checked by checksum at start. When a reload
 * brings a model file the engine does not hold, that model is answered in-process again (with a
 * warning) until the engine is given the new export and the server restarted: never a stale
 * answer.
 *
 * <p>Thread-safe.
 */
final class EngineBackends implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineBackends.class);

  /** An engine and the checksum of the model file it holds. */
  private record Attached(SearchBackend engine, String checksum) {}

  private final Map<String, Attached> byModel;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  private EngineBackends(Map<String, Attached> byModel) {
    this.byModel = Map.copyOf(byModel);
  }

  static final EngineBackends NONE = new EngineBackends(Map.of());

  /**
   * Attaches each engine to its model ({@code ""} = the default model) after checking that it
   * holds that model's export.
   *
   * @throws BadInputException naming the engine and the model when they do not match
   */
  static EngineBackends attach(Map<String, SearchBackend> engines, ModelRegistry models) {
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
  SearchBackend of(ServedModel served) {
    Attached a = byModel.get(served.name());
    if (a == null) {
      return null;
    }
    if (!a.checksum().equals(served.loaded().checksum())) {
      if (warned.add(served.loaded().checksum())) {
        LOG.warn("model '{}' was reloaded from a file {} does not hold; answering in-process "
            + "until it is exported again and the server restarted", served.name(),
            a.engine().uri());
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
