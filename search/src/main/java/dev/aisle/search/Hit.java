package dev.aisle.search;

/**
 * A product a search engine returned, with the engine's score (cosine similarity for kNN, LLR
 * for an indicator lookup, BM25 for an indicator query).
 *
 * @param id the product id
 * @param score higher is better
 */
public record Hit(String id, float score) {}
