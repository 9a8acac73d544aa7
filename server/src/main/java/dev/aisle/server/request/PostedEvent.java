package dev.aisle.server.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisle.events.Event;
import dev.aisle.ingest.EventTypes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The events posted to {@code POST /api/events}: a body is one event object or an array of them,
 * {@code {"customer": "C1", "product": "P7", "timestamp": "2026-01-05T10:00:00Z", "event":
 * "view"}}; the timestamp is optional (now), epoch milliseconds or ISO-8601; the event is
 * optional ({@code view}), {@code view}, {@code cart} or {@code purchase} (or an alias ingest
 * knows, such as {@code addtocart}).
 */
public final class PostedEvent {
  /** The earliest timestamp taken: 1990-01-01. */
  private static final long EARLIEST = 631_152_000_000L;
  /** The latest timestamp taken: 2100-01-01. */
  private static final long LATEST = 4_102_444_800_000L;

  private PostedEvent() {}

  /**
   * Reads and checks every event of a body before any is used: one bad event refuses the whole
   * request, naming it ({@code [3].product}).
   *
   * @param now the time of events without a timestamp
   * @throws ApiException a 400 naming the first field at fault
   */
  public static List<Event> parse(JsonNode body, long now) {
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
    List<Event> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      String prefix = body.isArray() ? "[" + i + "]." : "";
      if (!e.isObject()) {
        throw ApiException.badRequest(prefix.isEmpty() ? "body" : prefix, "expected an object");
      }
      String customer = JsonFields.id(e, "customer", prefix, true);
      String product = JsonFields.id(e, "product", prefix, true);
      long millis = timestamp(e.get("timestamp"), prefix, now);
      String type = type(e, prefix);
      try {
        out.add(new Event(customer, product, millis, type));
      } catch (IllegalArgumentException bad) {
        // an id the log cannot hold as one CSV line (a line break, a tab)
        String field = bad.getMessage().startsWith("customer") ? "customer" : "product";
        throw ApiException.badRequest(prefix + field, prefix + bad.getMessage());
      }
    }
    return out;
  }

  private static String type(JsonNode e, String prefix) {
    String raw = JsonFields.id(e, "event", prefix, false);
    if (raw == null) {
      return EventTypes.VIEW;
    }
    String type = EventTypes.canonical(raw);
    if (!Event.TYPES.contains(type)) {
      throw ApiException.badRequest(prefix + "event", prefix + "event must be view, cart or "
          + "purchase, was '" + raw + "'");
    }
    return type;
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
