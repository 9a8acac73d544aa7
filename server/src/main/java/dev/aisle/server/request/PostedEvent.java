package dev.aisle.server.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One view posted to {@code POST /api/events}: a body is one event object or an array of them,
 * {@code {"customer": "C1", "product": "P7", "timestamp": "2026-01-05T10:00:00Z"}}; the
 * timestamp is optional (now), epoch milliseconds or ISO-8601.
 *
 * @param customer the customer's id
 * @param product the product's id
 * @param millis when, epoch milliseconds
 */
public record PostedEvent(String customer, String product, long millis) {
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
      out.add(new PostedEvent(customer, product, timestamp(e.get("timestamp"), prefix, now)));
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
