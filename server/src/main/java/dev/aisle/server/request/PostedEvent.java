package dev.aisle.server.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One event posted to {@code POST /api/events}: a body is one event object or an array of them,
 * {@code {"customer": "C1", "product": "P7", "timestamp": "2026-01-05T10:00:00Z", "type":
 * "view", "from": "5f1e0c9a2b-3k"}}; the timestamp is optional (now), epoch milliseconds or
 * ISO-8601; the type is {@code view} (the default), {@code cart} or {@code purchase}; {@code
 * from} is the {@code recommendationId} of the list the product was clicked in, when it was.
 *
 * @param customer the customer's (visitor's) id
 * @param product the product's id
 * @param millis when, epoch milliseconds
 * @param type what the customer did
 * @param from the recommendation id the product was reached from, or null
 */
public record PostedEvent(String customer, String product, long millis, Type type, String from) {
  /** What a customer did with a product. */
  public enum Type {
    VIEW, CART, PURCHASE;

    static Type parse(JsonNode n, String field) {
      if (n == null || n.isNull()) {
        return VIEW;
      }
      if (n.isTextual()) {
        for (Type t : values()) {
          if (t.name().equalsIgnoreCase(n.asText())) {
            return t;
          }
        }
      }
      throw ApiException.badRequest(field, field + " must be view, cart or purchase, was "
          + n);
    }
  }

  /** A view, not reached from a recommendation. */
  public PostedEvent(String customer, String product, long millis) {
    this(customer, product, millis, Type.VIEW, null);
  }

  /** The earliest timestamp taken: 1990-01-01. */
  private static final long EARLIEST = 631_152_000_000L;
  /** The latest timestamp taken: 2100-01-01. */
  private static final long LATEST = 4_102_444_800_000L;

  /**
   * Reads and checks every event of a body before any is used: one bad event refuses the whole
   * request, naming it ({@code [3].product}).
   *
   * @param now the time of events without a timestamp
   * @throws ApiException a 400 naming the first field at fault
   */
  public static List<PostedEvent> parse(JsonNode body, long now) {
    List<JsonNode> events = new ArrayList<>();
    if (body.isArray()) {
      if (body.size() > RequestLimits.MAX_BATCH) {
        throw ApiException.badRequest("body", "at most " + RequestLimits.MAX_BATCH
            + " events a request, got " + body.size());
      }
      body.forEach(events::add);
    } else if (body.isObject()) {
      events.add(body);
    } else {
      throw ApiException.badRequest("body", "expected an event object or an array of them");
    }
    List<PostedEvent> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      String prefix = body.isArray() ? "[" + i + "]." : "";
      if (!e.isObject()) {
        throw ApiException.badRequest(prefix.isEmpty() ? "body" : prefix, "expected an object");
      }
      String customer = JsonFields.id(e, "customer", prefix, true);
      String product = JsonFields.id(e, "product", prefix, true);
      String from = JsonFields.id(e, "from", prefix, false);
      out.add(new PostedEvent(customer, product, timestamp(e.get("timestamp"), prefix, now),
          Type.parse(e.get("type"), prefix + "type"), from));
    }
    return out;
  }

  private static long timestamp(JsonNode n, String prefix, long now) {
    if (n == null || n.isNull()) {
      return now;
    }
    String field = prefix + "timestamp";
    if (n.isIntegralNumber()) {
      long t = n.asLong();
      if (t < EARLIEST || t > LATEST) {
        throw ApiException.badRequest(field, field + " must be epoch milliseconds between 1990 "
            + "and 2100, was " + t);
      }
      return t;
    }
    if (n.isTextual()) {
      try {
        return Instant.parse(n.asText()).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(field, field + " must be epoch milliseconds or ISO-8601 "
            + "such as 2026-01-05T10:00:00Z");
      }
    }
    throw ApiException.badRequest(field, field + " must be a number or an ISO-8601 string");
  }
}
