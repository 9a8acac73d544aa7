package dev.aisle.model.pop;

import dev.aisle.model.Params;

/**
 * Options of {@link PopularityModel}.
 *
 * @param byCategory rank products of the query product's category first, when the corpus has a
 *     catalog ({@code by-category}, default true)
 */
public record PopularityOptions(boolean byCategory) {
  public static PopularityOptions from(Params p) {
    return new PopularityOptions(p.getBoolean("by-category", true));
  }
}
