/**
 * Popularity: the baseline every recommender must beat by a wide margin, and the fallback every
 * other model uses for products it cannot score. With a catalog, popularity within the category of
 * the product (or of the session's last product) comes first.
 */
package dev.aisle.model.pop;
