package dev.aisle.search;

/**
 * A product a search engine returned, with the engine's score (cosine similarity for kNN, LLR
 * for an indicator lookup, the sum of levelled indicator scores for a session query).
 *
 * @param id the product id
 * @param score higher is better
 */
public record Hit(String id, float score) {}
