package dev.aisle.model;

/**
 * A product ordinal with its score.
 *
 * @param product the product ordinal
 * @param score the model's score, higher is better
 */
public record ScoredItem(int product, float score) {}
