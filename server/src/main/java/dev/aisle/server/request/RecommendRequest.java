package dev.aisle.server.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisle.search.Filters;
import java.util.HashSet;
import java.util.List;

/**
 * A {@code POST /api/recommendations} body:
 *
 * <pre>
 * {"session": ["P1", "P7"], "k": 10, "model": "i2v", "exclude": ["P3"], "category": "Cushions",
 *  "inStockOnly": true, "maxPerCategory": 2}
 * </pre>
 *
 * @param session product ids browsed, oldest first
 * @param k how many products to return
 * @param model the served model's name, or null for the default
 * @param rules business rules on the list
 */
public record RecommendRequest(List<String> session, int k, String model, Rules rules) {
  /** Products returned when the body does not say. */
  public static final int DEFAULT_K = 20;

  /**
   * Reads and checks a body.
   *
   * @throws ApiException a 400 naming the first field at fault
   */
  public static RecommendRequest parse(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.badRequest("body", "expected a JSON object");
    }
    List<String> session = JsonFields.productIds(body, "session", RequestLimits.MAX_SESSION, true);
    int k = JsonFields.count(body, "k", DEFAULT_K, RequestLimits.MAX_K);
    String model = JsonFields.id(body, "model", "", false);
    return new RecommendRequest(session, k, model, rules(body));
  }

  private static Rules rules(JsonNode body) {
    List<String> exclude = JsonFields.productIds(body, "exclude", RequestLimits.MAX_EXCLUDE,
        false);
    String category = JsonFields.id(body, "category", "", false);
    boolean inStockOnly = JsonFields.flag(body, "inStockOnly");
    int maxPerCategory = JsonFields.nonNegative(body, "maxPerCategory");
    return new Rules(new Filters(new HashSet<>(exclude), category, inStockOnly), maxPerCategory);
  }
}
