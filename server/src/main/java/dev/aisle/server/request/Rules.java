package dev.aisle.server.request;

import dev.aisle.search.Filters;
import java.util.Set;

/**
 * Business rules on a recommendation list: the filters a search engine can apply itself, and a
 * per-category limit applied to the ranked list.
 *
 * @param filters exclusions, a category and stock
 * @param maxPerCategory at most this many products of one category, 0 = no limit
 */
public record Rules(Filters filters, int maxPerCategory) {
  /** No rules. */
  public static final Rules NONE = new Rules(Filters.NONE, 0);

  public Rules {
    if (maxPerCategory < 0) {
      throw new IllegalArgumentException("maxPerCategory must be >= 0, was " + maxPerCategory);
    }
  }

  /** Rules that only exclude {@code ids}: what a customer has browsed already. */
  public static Rules excluding(Set<String> ids) {
    return new Rules(new Filters(ids, null, false), 0);
  }

  /** Whether a rule besides exclusions may drop ranked products. */
  public boolean filtering() {
    return filters.category() != null || filters.inStockOnly() || maxPerCategory > 0;
  }
}
