package dev.aisle.server.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model to serve: its name and file.
 *
 * @param name the name requests use, or null to name it after its algorithm
 * @param path the model file
 */
public record ModelSource(String name, Path path) {
  /** Parses {@code NAME=FILE} or {@code FILE} (named after the algorithm) for each model. */
  public static List<ModelSource> parse(List<String> specs) {
    List<ModelSource> out = new ArrayList<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      out.add(eq > 0 ? new ModelSource(spec.substring(0, eq), Path.of(spec.substring(eq + 1)))
          : new ModelSource(null, Path.of(spec)));
    }
    return out;
  }
}
