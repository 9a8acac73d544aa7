package dev.aisle.model;

/**
 * How a shop names its products, by the model's ordinals: what {@link Explainer}s word their
 * reasons with. The model knows ordinals and counts; the shop's catalog knows names and
 * categories.
 */
public interface ProductLabels {
  /** The product's name as a shopper reads it (its id when the catalog has no name). */
  String name(int product);

  /** The product's category, or null when the catalog has none. */
  String category(int product);
}
