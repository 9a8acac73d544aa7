package dev.aisle.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.aisle.BadInputException;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.format.AtomicOutput;
import dev.aisle.model.Params;
import dev.aisle.modelfile.Algorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code tuned.json} that {@code aisle tune} writes and {@code aisle train --config} and
 * {@code aisle evaluate --config} read: the corpus it was tuned on, how, and per algorithm the
 * best setting with every trial's scores. No wall times, so that a rerun with the same seed on
 * one thread writes the same bytes.
 *
 * @param format always {@link #FORMAT}
 * @param version the file's format version
 * @param corpus the training corpus the search ran on
 * @param protocol how the search ran
 * @param algorithms per algorithm name, what the search found, in the order asked for
 */
public record TunedConfig(String format, int version, CorpusRef corpus, Protocol protocol,
    Map<String, TunedAlgorithm> algorithms) {
  public static final String FORMAT = "aisle-tuned";
  /** 2 added {@link TunedAlgorithm#skipped}; version 1 files read as not skipped. */
  public static final int VERSION = 2;

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /**
   * The corpus a search ran on.
   *
   * @param checksum {@link CorpusFile#checksum} of the training corpus
   * @param sessions its sessions
   * @param events its events
   */
  public record CorpusRef(String checksum, int sessions, long events) {}

  /**
   * How a search ran.
   *
   * @param validation the held-out sessions, in words
   * @param fitSessions sessions the trials trained on
   * @param validationSessions held-out sessions scored
   * @param predictions next-item predictions in those sessions
   * @param metric {@code hr} or {@code mrr}
   * @param k the cut-off
   * @param seed the seed
   * @param threads the threads
   * @param budgetSeconds the wall-time budget
   * @param trials trials per algorithm at most
   */
  public record Protocol(String validation, int fitSessions, int validationSessions,
      long predictions, String metric, int k, long seed, int threads, long budgetSeconds,
      int trials) {}

  /** Writes the file atomically. */
  public void write(Path file) {
    try {
      AtomicOutput.write(file, JSON.writeValueAsBytes(this), true);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + file, e);
    }
  }

  /**
   * Reads a file and checks it: its format, that every algorithm it names exists and that every
   * best setting is one that algorithm accepts.
   *
   * @throws BadInputException naming the file and what is wrong
   */
  public static TunedConfig read(Path file) {
    TunedConfig c;
    try {
      c = JSON.readValue(Files.readAllBytes(file), TunedConfig.class);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (UnrecognizedPropertyException e) {
      throw new BadInputException(file + ": unknown field '" + e.getPropertyName() + "' at "
          + e.getPathReference() + ": not a tuned.json of this Aisle");
    } catch (IOException e) {
      throw new BadInputException(file + ": not a tuned.json: " + e.getMessage().lines()
          .findFirst().orElse(""));
    }
    if (!FORMAT.equals(c.format()) || c.algorithms() == null || c.corpus() == null) {
      throw new BadInputException(file + ": not a tuned.json (format must be '" + FORMAT
          + "')");
    }
    if (c.version() > VERSION) {
      throw new BadInputException(file + ": tuned.json version " + c.version()
          + ", newer than this Aisle reads (" + VERSION + "): upgrade Aisle");
    }
    c.algorithms().forEach((name, tuned) -> {
      Algorithm a;
      try {
        a = Algorithm.fromLabel(name);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(file + ": algorithms." + name + ": " + e.getMessage());
      }
      try {
        a.prepare(new Params(tuned.best()));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(file + ": algorithms." + name + ".best: " + e.getMessage());
      }
    });
    return c;
  }

  /**
   * Throws unless this file was tuned on {@code train}: settings tuned on one shop's data say
   * little about another's.
   *
   * @param file the file's name, for the message
   */
  public void checkCorpus(Corpus train, Path file) {
    String checksum = CorpusFile.checksum(train);
    if (!checksum.equals(corpus.checksum())) {
      throw new BadInputException(String.format(java.util.Locale.ROOT, "%s was tuned on another "
          + "corpus (%,d sessions, %,d events, checksum %s), not on this one (%,d sessions, %,d "
          + "events, checksum %s): run 'aisle tune' on this corpus", file, corpus.sessions(),
          corpus.events(), corpus.checksum(), train.sessionCount(), train.eventCount(),
          checksum));
    }
  }

  /**
   * The settings {@code aisle train --config} and {@code aisle retrain --config} train {@code
   * algorithm} with: this file's best setting, with {@code overrides} ({@code name=value}, the
   * command line's {@code -p}) over it.
   *
   * @param file the file's name, for the message
   * @throws BadInputException when this file has no settings for {@code algorithm}
   */
  public Map<String, String> settings(Algorithm algorithm, List<String> overrides, Path file) {
    TunedAlgorithm t = algorithms.get(algorithm.label());
    if (t == null) {
      throw new BadInputException(file + " has no settings for " + algorithm.label()
          + "; it has " + String.join(", ", algorithms.keySet()));
    }
    Map<String, String> values = new TreeMap<>(t.best());
    values.putAll(Params.pairs(overrides));
    return values;
  }
}
