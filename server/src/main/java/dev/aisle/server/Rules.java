package dev.aisle.server;

import java.util.Set;

/**
 * Business rules on a recommendation list.
 *
 * @param exclude product ids never to return
 * @param category only products of this category, or null
 * @param inStockOnly drop products the catalog marks out of stock
 * @param maxPerCategory at most this many products of one category, 0 = no limit
 */
record Rules(Set<String> exclude, String category, boolean inStockOnly, int maxPerCategory) {
  static final Rules NONE = new Rules(Set.of(), null, false, 0);
}
