package dev.aisle.ingest;

import java.util.Locale;
import java.util.Map;

/**
 * The event types Aisle knows and the names shops and datasets use for them. Logs are normalised
 * at ingest so that {@code --events view,cart} means the same on every source: Taobao's {@code pv},
 * OTTO's {@code clicks} and RetailRocket's {@code view} are all {@code view}. A name with no alias
 * is kept as written (lower-cased), so nothing is lost.
 */
public final class EventTypes {
  /** A product page view: what "customers also browsed" is learned from. */
  public static final String VIEW = "view";

  public static final String CART = "cart";
  public static final String FAVOURITE = "fav";
  public static final String PURCHASE = "purchase";

  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("view", VIEW),
          Map.entry("views", VIEW),
          Map.entry("pv", VIEW),
          Map.entry("click", VIEW),
          Map.entry("clicks", VIEW),
          Map.entry("cart", CART),
          Map.entry("carts", CART),
          Map.entry("addtocart", CART),
          Map.entry("add_to_cart", CART),
          Map.entry("fav", FAVOURITE),
          Map.entry("favorite", FAVOURITE),
          Map.entry("favourite", FAVOURITE),
          Map.entry("purchase", PURCHASE),
          Map.entry("buy", PURCHASE),
          Map.entry("order", PURCHASE),
          Map.entry("orders", PURCHASE),
          Map.entry("transaction", PURCHASE));

  private EventTypes() {}

  /** The canonical name of a raw event name: {@code pv} gives {@code view}. */
  public static String canonical(String raw) {
    String lower = raw.trim().toLowerCase(Locale.ROOT);
    return ALIASES.getOrDefault(lower, lower);
  }
}
