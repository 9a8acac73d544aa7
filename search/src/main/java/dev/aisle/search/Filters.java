package dev.aisle.search;

import java.util.Set;

/**
 * Business rules as the engine applies them: as filter queries, before ranking.
 *
 * @param exclude product ids never to return
 * @param category only products of this category, or null
 * @param inStockOnly drop products the catalog marks out of stock (unknown stock stays)
 */
public record Filters(Set<String> exclude, String category, boolean inStockOnly) {
  /** No rules. */
  public static final Filters NONE = new Filters(Set.of(), null, false);

  public Filters {
    exclude = Set.copyOf(exclude);
  }
}
