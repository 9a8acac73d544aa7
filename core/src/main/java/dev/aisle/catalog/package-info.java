/**
 * Product metadata: name, category, price, stock and image, by product ordinal. A catalog is
 * optional; when it is there, models fall back to popular products of the same category and the
 * storefront shows real names. {@link dev.aisle.catalog.CatalogReader} reads a shop's export with
 * the columns found by name, so DIGINETICA's {@code product-categories.csv} ({@code
 * itemId;categoryId}) works as it is.
 */
package dev.aisle.catalog;
