package dev.aisle.model;

import java.util.function.IntBinaryOperator;

/**
 * Why a model recommends a product, in words grounded in what it learned: "browsed together in
 * 12 sessions" where a model counted that, else what kind of likeness the model scores. Every
 * {@link Recommender} gives one ({@link Recommender#explainer}), so a caller never has to know
 * which algorithm it holds.
 *
 * <pre>
 * Explainer why = model.explainer(labels);
 * why.related(query, item);   // "browsed together in 3 sessions"
 * why.next(last, item);       // "often browsed after Linen cushion (3 sessions)"
 * </pre>
 *
 * <p>Implementations are thread-safe when their labels are.
 */
public interface Explainer {
  /** Why {@code item} is related to {@code product}. */
  String related(int product, int item);

  /** Why {@code item} would come next after a session whose last product is {@code last}. */
  String next(int last, int item);

  /** The reason of a popularity answer. */
  static String popularIn(String category) {
    return category == null ? "popular in the shop" : "popular in " + category;
  }

  /**
   * Reasons in fixed words: {@code relatedPrefix} and the product's name for related products;
   * {@code nextReason} for a session's next products, or the item's popularity in its category
   * where {@code nextReason} is null.
   */
  static Explainer worded(ProductLabels labels, String relatedPrefix, String nextReason) {
    return new Explainer() {
      @Override
      public String related(int product, int item) {
        return relatedPrefix + labels.name(product);
      }

      @Override
      public String next(int last, int item) {
        return nextReason != null ? nextReason : popularIn(labels.category(item));
      }
    };
  }

  /** Popularity reasons for both questions: "popular in Cushions". */
  static Explainer popular(ProductLabels labels) {
    return new Explainer() {
      @Override
      public String related(int product, int item) {
        return popularIn(labels.category(item));
      }

      @Override
      public String next(int last, int item) {
        return popularIn(labels.category(item));
      }
    };
  }

  /**
   * The count of training sessions that browsed both products where there is one ("browsed
   * together in 3 sessions"), else {@code otherwise}.
   *
   * @param sessionsTogether in how many sessions two product ordinals were seen together, 0 when
   *     unknown
   */
  static Explainer bySessionsTogether(IntBinaryOperator sessionsTogether, ProductLabels labels,
      Explainer otherwise) {
    return new Explainer() {
      @Override
      public String related(int product, int item) {
        int together = sessionsTogether.applyAsInt(product, item);
        return together > 0 ? "browsed together in " + sessions(together)
            : otherwise.related(product, item);
      }

      @Override
      public String next(int last, int item) {
        int together = sessionsTogether.applyAsInt(last, item);
        return together > 0
            ? "often browsed after " + labels.name(last) + " (" + sessions(together) + ")"
            : otherwise.next(last, item);
      }
    };
  }

  private static String sessions(int n) {
    return n == 1 ? "1 session" : n + " sessions";
  }
}
