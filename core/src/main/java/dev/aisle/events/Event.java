package dev.aisle.events;

import dev.aisle.ingest.EventTypes;
import java.util.Objects;
import java.util.Set;

/**
 * One browse event as the server accepts it and the log stores it.
 *
 * @param customer the customer's id (the log's {@code customer_id})
 * @param product the product's id
 * @param millis when, epoch milliseconds
 * @param type {@code view}, {@code cart} or {@code purchase}
 */
public record Event(String customer, String product, long millis, String type) {
  /** The event types the server accepts. */
  public static final Set<String> TYPES = Set.of(EventTypes.VIEW, EventTypes.CART,
      EventTypes.PURCHASE);

  public Event {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(type, "type");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("event type must be one of view, cart, purchase, was '"
          + type + "'");
    }
    checkId("customer", customer);
    checkId("product", product);
  }

  /** A view: the event type of a product page. */
  public static Event view(String customer, String product, long millis) {
    return new Event(customer, product, millis, EventTypes.VIEW);
  }

  private static void checkId(String field, String id) {
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        throw new IllegalArgumentException(field + " must not contain control characters "
            + "(line breaks, tabs), found one at position " + i);
      }
    }
  }
}
