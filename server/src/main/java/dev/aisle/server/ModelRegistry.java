package dev.aisle.server;

import dev.aisle.modelfile.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The models the server answers with, by name; the first is the default. {@link #reload()} loads
 * every file again and swaps the whole set in one atomic step: a request sees either the old set
 * or the new one, never a mix, and a failed reload leaves the old set serving.
 *
 * <p>Thread-safe.
 */
public final class ModelRegistry {
  /** A model to serve: its name and file. */
  public record Source(String name, Path path) {}

  private final List<Source> sources;
  private final Shop shop;
  private final int annThreshold;
  private final int neighbourListMax;
  private final AtomicReference<Map<String, ServedModel>> live = new AtomicReference<>();
  private volatile long loadedAt;
  private volatile long reloads;

  ModelRegistry(List<Source> sources, Shop shop, int annThreshold, int neighbourListMax) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("serve needs at least one --model");
    }
    this.sources = List.copyOf(sources);
    this.shop = shop;
    this.annThreshold = annThreshold;
    this.neighbourListMax = neighbourListMax;
    reload();
    reloads = 0;
  }

  /** Parses {@code NAME=FILE} or {@code FILE} (named after the algorithm) for each model. */
  public static List<Source> parse(List<String> specs) {
    List<Source> out = new ArrayList<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      out.add(eq > 0 ? new Source(spec.substring(0, eq), Path.of(spec.substring(eq + 1)))
          : new Source(null, Path.of(spec)));
    }
    return out;
  }

  /**
   * Loads every model file; on success the new set replaces the old one at once. A file whose
   * checksum has not changed keeps its served model (and its HNSW graph, which takes long to build).
   */
  synchronized Map<String, ServedModel> reload() {
    Map<String, ServedModel> current = live.get();
    Map<String, ServedModel> next = new LinkedHashMap<>();
    for (Source s : sources) {
      ModelFile.Loaded loaded = ModelFile.read(s.path());
      String name = s.name() != null ? s.name()
          : uniqueName(next, loaded.model().algorithm());
      ServedModel same = current == null ? null : current.get(name);
      if (same != null && same.loaded().checksum().equals(loaded.checksum())
          && same.path().equals(s.path())) {
        next.put(name, same);
      } else {
        next.put(name, ServedModel.of(name, s.path(), loaded, shop, annThreshold,
            neighbourListMax));
      }
    }
    live.set(java.util.Collections.unmodifiableMap(next));
    loadedAt = System.currentTimeMillis();
    reloads++;
    return next;
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
   * @throws ApiException naming the {@code model} field for an unknown name
   */
  ServedModel get(String name) {
    Map<String, ServedModel> m = live.get();
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

  Map<String, ServedModel> all() {
    return live.get();
  }

  long reloads() {
    return reloads;
  }

  long loadedAt() {
    return loadedAt;
  }

  /** The newest modification time of the model files, for the file watch. */
  long newestFileTime() {
    long t = 0;
    for (Source s : sources) {
      try {
        t = Math.max(t, Files.getLastModifiedTime(s.path()).toMillis());
      } catch (java.io.IOException e) {
        // a file being replaced; the next poll sees it
      }
    }
    return t;
  }
}
