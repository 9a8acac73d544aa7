package dev.aisle.server.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Fields of a JSON request object read and checked. Each refusal is a 400 naming the field by
 * its path in the body: {@code k}, {@code session[3]}, {@code [2].customer}.
 */
final class JsonFields {
  private JsonFields() {}

  /** A whole number in {@code 1..max}, or {@code defaultValue} when absent or null. */
  static int count(JsonNode body, String name, int defaultValue, int max) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return defaultValue;
    }
    if (!n.isInt()) {
      throw ApiException.badRequest(name, name + " must be a whole number");
    }
    int k = n.asInt();
    if (k < 1 || k > max) {
      throw ApiException.badRequest(name, name + " must be in 1.." + max + ", was " + k);
    }
    return k;
  }

  /** A whole number {@code >= 0}, or 0 when absent or null. */
  static int nonNegative(JsonNode body, String name) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.isInt() || n.asInt() < 0) {
      throw ApiException.badRequest(name, name + " must be a whole number >= 0");
    }
    return n.asInt();
  }

  /** True or false, false when absent or null. */
  static boolean flag(JsonNode body, String name) {
    JsonNode n = body.get(name);
    if (n != null && !n.isNull() && !n.isBoolean()) {
      throw ApiException.badRequest(name, name + " must be true or false");
    }
    return n != null && n.asBoolean();
  }

  /**
   * An id: a non-empty string of at most {@link RequestLimits#MAX_ID} characters.
   *
   * @param prefix the object's path in the body ({@code "[2]."}), or empty
   * @return null when absent and not required
   */
  static String id(JsonNode body, String name, String prefix, boolean required) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      if (required) {
        throw ApiException.badRequest(prefix + name, prefix + name + " is required");
      }
      return null;
    }
    if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > RequestLimits.MAX_ID) {
      throw ApiException.badRequest(prefix + name, prefix + name
          + " must be a non-empty string of at most " + RequestLimits.MAX_ID + " characters");
    }
    return n.asText();
  }

  /** A list of at most {@code max} product ids; empty when absent and not required. */
  static List<String> productIds(JsonNode body, String name, int max, boolean required) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      if (required) {
        throw ApiException.badRequest(name, name + " is required: a list of product ids");
      }
      return List.of();
    }
    if (!n.isArray()) {
      throw ApiException.badRequest(name, name + " must be a list of product ids");
    }
    if (n.size() > max) {
      throw ApiException.badRequest(name, name + " has " + n.size() + " products; at most "
          + max);
    }
    List<String> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      JsonNode x = n.get(i);
      if (!x.isTextual() || x.asText().isEmpty() || x.asText().length() > RequestLimits.MAX_ID) {
        throw ApiException.badRequest(name + "[" + i + "]", name + "[" + i
            + "] must be a product id string");
      }
      out.add(x.asText());
    }
    return out;
  }
}
