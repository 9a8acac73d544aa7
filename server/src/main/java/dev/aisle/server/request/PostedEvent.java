package dev.aisle.server.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisle.events.Event;
import dev.aisle.ingest.EventTypes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One event posted to {@code POST /api/events}: a body is one event object or an array of them,
 * {@code {"customer": "C1", "product": "P7", "timestamp": "2026-01-05T10:00:00Z", "event":
 * "view", "from": "5f1e0c9a2b-3k"}}; the timestamp is optional (now), epoch milliseconds or
 * ISO-8601; the event is optional ({@code view}), {@code view}, {@code cart} or {@code purchase}
 * (or an alias ingest knows, such as {@code addtocart}), and may be called {@code type}; {@code
 * from} is the {@code recommendationId} of the list the product was clicked in, when it was.
 *
 * @param event the event, as the log stores it
 * @param from the recommendation id the product was reached from, or null
 */
public record PostedEvent(Event event, String from) {
  /** The earliest timestamp taken: 1990-01-01. */
  private static final long EARLIEST = 631_152_000_000L;
  /** The latest timestamp taken: 2100-01-01. */
  private static final long LATEST = 4_102_444_800_000L;

  /** An event not reached from a recommendation. */
  public PostedEvent(Event event) {
    this(event, null);
  }

  public String customer() {
    return event.customer();
  }

  public String product() {
    return event.product();
  }

  public long millis() {
    return event.millis();
  }

  /** {@code view}, {@code cart} or {@code purchase}. */
  public String type() {
    return event.type();
  }

  /** The events of a list of posted ones, in order. */
  public static List<Event> events(List<PostedEvent> posted) {
    List<Event> out = new ArrayList<>(posted.size());
    posted.forEach(p -> out.add(p.event()));
    return out;
  }

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
      long millis = timestamp(e.get("timestamp"), prefix, now);
      String type = type(e, prefix);
      String from = JsonFields.id(e, "from", prefix, false);
      try {
        out.add(new PostedEvent(new Event(customer, product, millis, type), from));
      } catch (IllegalArgumentException bad) {
        // an id the log cannot hold as one CSV line (a line break, a tab)
        String field = bad.getMessage().startsWith("customer") ? "customer" : "product";
        throw ApiException.badRequest(prefix + field, prefix + bad.getMessage());
      }
    }
    return out;
  }

  private static String type(JsonNode e, String prefix) {
    String event = kind(e, "event", prefix);
    String alias = kind(e, "type", prefix);
    if (event != null && alias != null && !event.equals(alias)) {
      throw ApiException.badRequest(prefix + "type", prefix + "event and type are the same "
          + "field and disagree: '" + event + "' and '" + alias + "'");
    }
    return event != null ? event : alias != null ? alias : EventTypes.VIEW;
  }

  /** The event type in field {@code name}, canonical, or null when absent. */
  private static String kind(JsonNode e, String name, String prefix) {
    String raw = JsonFields.id(e, name, prefix, false);
    if (raw == null) {
      return null;
    }
    String type = EventTypes.canonical(raw);
    if (!Event.TYPES.contains(type)) {
      throw ApiException.badRequest(prefix + name, prefix + name + " must be view, cart or "
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
