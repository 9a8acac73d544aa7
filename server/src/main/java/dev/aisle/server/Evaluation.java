package dev.aisle.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code aisle evaluate --json} report the server was started with: {@code /api/evaluation}
 * serves it whole, {@code /api/models} shows each model's row of it.
 *
 * <p>Immutable and thread-safe.
 */
final class Evaluation {
  private final Map<String, Object> report;

  private Evaluation(Map<String, Object> report) {
    this.report = report;
  }

  /**
   * Reads a report.
   *
   * @throws BadInputException naming the file when it is not one
   */
  @SuppressWarnings("unchecked")
  static Evaluation read(Path file, ObjectMapper json) {
    try {
      return new Evaluation(json.readValue(file.toFile(), Map.class));
    } catch (IOException e) {
      throw new BadInputException(file + ": not an 'aisle evaluate --json' file: "
          + e.getMessage());
    }
  }

  /** The whole report, as read. */
  Map<String, Object> report() {
    return report;
  }

  /** The evaluation protocol the report describes, or null. */
  Object protocol() {
    return report.get("protocol");
  }

  /** The report's row of results for {@code algorithm}, or null. */
  Object resultsOf(String algorithm) {
    if (!(report.get("results") instanceof List)) {
      return null;
    }
    for (Object row : (List<?>) report.get("results")) {
      if (row instanceof Map && algorithm.equals(((Map<?, ?>) row).get("model"))) {
        return row;
      }
    }
    return null;
  }
}
