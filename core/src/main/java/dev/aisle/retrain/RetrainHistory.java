package dev.aisle.retrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aisle.BadInputException;
import dev.aisle.format.AtomicOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of retrains: a JSON array of {@link RetrainRun}, oldest first, rewritten atomically
 * on every run (retrains are hours apart; the file stays small: the last {@value #KEEP} runs).
 * Not thread-safe for writers: one retrain runs at a time.
 */
public final class RetrainHistory {
  /** Runs kept. */
  public static final int KEEP = 500;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private RetrainHistory() {}

  /** The default history file of an event log. */
  public static Path of(Path eventLog) {
    return eventLog.resolve("retrains.json");
  }

  /** The recorded runs, oldest first; empty when there is no file yet. */
  public static List<RetrainRun> read(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<List<RetrainRun>>() {});
    } catch (IOException e) {
      throw new BadInputException(file + ": not a retrain history: " + e.getMessage());
    }
  }

  /**
   * The newest event the model now in {@code file} was trained on, by the last run that swapped
   * it in; null when no recorded run did (the model came from elsewhere).
   */
  public static Long trainedUntil(List<RetrainRun> runs, Path file) {
    for (int i = runs.size() - 1; i >= 0; i--) {
      for (RetrainRun.Outcome o : runs.get(i).models()) {
        if (o.swapped() && Path.of(o.file()).toAbsolutePath().equals(file.toAbsolutePath())) {
          return java.time.Instant.parse(runs.get(i).windowTo()).toEpochMilli();
        }
      }
    }
    return null;
  }

  /** Adds {@code run}, dropping the oldest beyond {@link #KEEP}. */
  public static void append(Path file, RetrainRun run) {
    List<RetrainRun> runs = new ArrayList<>(read(file));
    runs.add(run);
    if (runs.size() > KEEP) {
      runs = runs.subList(runs.size() - KEEP, runs.size());
    }
    try {
      AtomicOutput.write(file, JSON.writeValueAsBytes(runs), true);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a retrain run", e);
    }
  }
}
