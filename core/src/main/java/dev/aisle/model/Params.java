package dev.aisle.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hyperparameters given as {@code name=value} text (the command line's {@code -p window=5}). Each
 * algorithm's options record reads what it knows through the typed getters; {@link
 * #checkAllUsed(String)} then rejects any name no one read, so a typo never passes silently.
 *
 * <p>Not thread-safe.
 */
public final class Params {
  private final Map<String, String> values;
  private final Set<String> used = new TreeSet<>();

  public Params(Map<String, String> values) {
    this.values = new LinkedHashMap<>(values);
  }

  /** No parameters: every option takes its default. */
  public static Params none() {
    return new Params(Map.of());
  }

  /** Parses {@code name=value} strings. */
  public static Params parse(Iterable<String> pairs) {
    return new Params(pairs(pairs));
  }

  /** The {@code name=value} strings as a map, in their order; a later name wins. */
  public static Map<String, String> pairs(Iterable<String> pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("parameter '" + pair + "' must be name=value");
      }
      m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return m;
  }

  public int getInt(String name, int defaultValue) {
    String v = take(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
    }
  }

  public long getLong(String name, long defaultValue) {
    String v = take(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
    }
  }

  public double getDouble(String name, double defaultValue) {
    String v = take(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, was '" + v + "'");
    }
  }

  public boolean getBoolean(String name, boolean defaultValue) {
    String v = take(name);
    if (v == null) {
      return defaultValue;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true": case "yes": case "1": return true;
      case "false": case "no": case "0": return false;
      default:
        throw new IllegalArgumentException(name + " must be true or false, was '" + v + "'");
    }
  }

  /** A value from a fixed set of words, e.g. {@code score=llr}. */
  public String getChoice(String name, String defaultValue, String... choices) {
    String v = take(name);
    if (v == null) {
      return defaultValue;
    }
    for (String c : choices) {
      if (c.equalsIgnoreCase(v)) {
        return c;
      }
    }
    throw new IllegalArgumentException(name + " must be one of " + String.join(", ", choices)
        + ", was '" + v + "'");
  }

  /**
   * The parameters named {@code prefix.name}, as {@code name -> value}: a component's own
   * parameters inside a composite algorithm ({@code sknn.k=50} inside {@code hybrid}).
   */
  public Map<String, String> sub(String prefix) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith(prefix + ".")) {
        used.add(e.getKey());
        m.put(e.getKey().substring(prefix.length() + 1), e.getValue());
      }
    }
    return m;
  }

  private String take(String name) {
    used.add(name);
    return values.get(name);
  }

  /** Throws naming any parameter that {@code algorithm} does not have. */
  public void checkAllUsed(String algorithm) {
    for (String name : values.keySet()) {
      if (!used.contains(name)) {
        throw new IllegalArgumentException(algorithm + " has no parameter '" + name
            + "'; it has: " + String.join(", ", used));
      }
    }
  }
}
