package dev.aisle.server.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One online experiment as {@code aisle serve --experiment} defines it:
 *
 * <pre>
 * ExperimentSpec ab = ExperimentSpec.parse("ranker=pop:50,hybrid:50");       // an A/B split
 * ExperimentSpec mix = ExperimentSpec.parse("mixed=interleave:pop,hybrid");  // team-draft
 * int arm = ab.assign("visitor-17");  // always the same arm for this visitor and experiment
 * </pre>
 *
 * A split sends each visitor to one arm, drawn by a stable hash of the experiment's name and the
 * visitor's id (SHA-256, so the same on every JVM and release) against the arms' weights, which
 * are whole percentages adding up to 100. An interleaving experiment has two models and shows
 * each visitor one list mixed from both ({@link TeamDraft}). The same model may stand on both
 * sides: an A/A test, which must find no difference.
 *
 * @param name letters, digits, {@code .}, {@code _} or {@code -}, at most 64
 * @param mode split or interleave
 * @param arms the models with their weights (interleave: two, weight 50 each)
 */
public record ExperimentSpec(String name, Mode mode, List<Arm> arms) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final String INTERLEAVE = "interleave:";

  /** How the arms reach visitors. */
  public enum Mode {
    /** Each visitor sees one arm's list. */
    SPLIT,
    /** Each list is mixed from two models by team draft. */
    INTERLEAVE;

    /** As the API writes it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A model of the experiment.
   *
   * @param model the served model's name
   * @param weight percent of visitors (split)
   */
  public record Arm(String model, int weight) {}

  public ExperimentSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("experiment name must be 1..64 letters, digits, '.', "
          + "'_' or '-', was '" + name + "'");
    }
    arms = List.copyOf(arms);
    if (arms.size() < 2) {
      throw new IllegalArgumentException("experiment '" + name + "' needs at least two models, "
          + "had " + arms.size());
    }
    if (mode == Mode.INTERLEAVE && arms.size() != 2) {
      throw new IllegalArgumentException("interleaving experiment '" + name
          + "' mixes exactly two models, had " + arms.size());
    }
    int sum = 0;
    for (Arm a : arms) {
      if (a.weight() < 1) {
        throw new IllegalArgumentException("experiment '" + name + "': weight of '" + a.model()
            + "' must be >= 1, was " + a.weight());
      }
      sum += a.weight();
    }
    if (sum != 100) {
      throw new IllegalArgumentException("experiment '" + name + "': weights must add up to "
          + "100, " + weightsText(arms) + " add up to " + sum);
    }
  }

  /**
   * Reads {@code NAME=MODEL_A:50,MODEL_B:50} or {@code NAME=interleave:MODEL_A,MODEL_B}.
   *
   * @throws IllegalArgumentException saying what is wrong and how it should look
   */
  public static ExperimentSpec parse(String definition) {
    int eq = definition.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("experiment must look like NAME=MODEL_A:50,MODEL_B:50 "
          + "or NAME=interleave:MODEL_A,MODEL_B, was '" + definition + "'");
    }
    return parse(definition.substring(0, eq), definition.substring(eq + 1));
  }

  /** Reads the part after {@code NAME=}: {@code A:50,B:50} or {@code interleave:A,B}. */
  public static ExperimentSpec parse(String name, String arms) {
    if (arms.startsWith(INTERLEAVE)) {
      List<Arm> out = new ArrayList<>();
      for (String model : arms.substring(INTERLEAVE.length()).split(",", -1)) {
        out.add(new Arm(modelName(name, model.trim()), 50));
      }
      if (out.size() != 2) {
        throw new IllegalArgumentException("interleaving experiment '" + name + "' mixes "
            + "exactly two models (interleave:A,B), had " + out.size());
      }
      return new ExperimentSpec(name, Mode.INTERLEAVE, out);
    }
    List<Arm> out = new ArrayList<>();
    for (String part : arms.split(",", -1)) {
      int colon = part.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("experiment '" + name + "': '" + part + "' must be "
            + "MODEL:WEIGHT, as in pop:50,hybrid:50");
      }
      int weight;
      try {
        weight = Integer.parseInt(part.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("experiment '" + name + "': weight of '"
            + part.substring(0, colon) + "' must be a whole percentage, was '"
            + part.substring(colon + 1) + "'");
      }
      out.add(new Arm(modelName(name, part.substring(0, colon).trim()), weight));
    }
    return new ExperimentSpec(name, Mode.SPLIT, out);
  }

  private static String modelName(String experiment, String model) {
    if (model.isEmpty()) {
      throw new IllegalArgumentException("experiment '" + experiment + "' has an empty model "
          + "name");
    }
    return model;
  }

  /**
   * Refuses an experiment over a model the server does not serve.
   *
   * @throws IllegalArgumentException naming the model and those loaded
   */
  public void requireModels(Collection<String> loaded) {
    for (Arm a : arms) {
      if (!loaded.contains(a.model())) {
        throw new IllegalArgumentException("experiment '" + name + "' uses model '" + a.model()
            + "', which is not served; loaded: " + String.join(", ", loaded));
      }
    }
  }

  /** The definition after {@code NAME=}, as {@link #parse(String, String)} reads it. */
  public String definition() {
    if (mode == Mode.INTERLEAVE) {
      return INTERLEAVE + arms.get(0).model() + "," + arms.get(1).model();
    }
    return weightsText(arms);
  }

  private static String weightsText(List<Arm> arms) {
    List<String> parts = new ArrayList<>();
    for (Arm a : arms) {
      parts.add(a.model() + ":" + a.weight());
    }
    return String.join(",", parts);
  }

  /**
   * The arm a visitor of a split sees: the same for the same visitor and experiment, every
   * time, on every server.
   */
  public int assign(String visitor) {
    int bucket = (int) Long.remainderUnsigned(hash(name + '\u0000' + visitor), 100);
    int upTo = 0;
    for (int i = 0; i < arms.size(); i++) {
      upTo += arms.get(i).weight();
      if (bucket < upTo) {
        return i;
      }
    }
    throw new IllegalStateException("weights add up to 100");
  }

  /** The first 8 bytes of the text's SHA-256. */
  static long hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(
          text.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xff);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
