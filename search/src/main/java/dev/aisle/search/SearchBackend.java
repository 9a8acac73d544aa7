package dev.aisle.search;

import java.util.List;

/**
 * A search engine that answers recommendations from an exported model:
 *
 * <pre>
 * try (SearchBackend solr = SearchEngines.connect("solr://localhost:8983/aisle")) {
 *   List&lt;Hit&gt; related = solr.related("P000001", 10, Filters.NONE);
 *   List&lt;Hit&gt; next = solr.next(List.of("P000001", "P000042"), 10,
 *       new Filters(Set.of(), "Lamps", true));
 * }
 * </pre>
 *
 * Implementations are thread-safe. {@code dev.aisle.search.engines.SearchEngines} connects to one
 * by its URI.
 */
public interface SearchBackend extends AutoCloseable {
  /** Where the model lives. */
  SearchUri uri();

  /** What the collection or index holds (read from the engine each call). */
  IndexInfo info();

  /**
   * Products related to {@code productId}, best first, never the product itself: the nearest
   * neighbours of its vector, or its indicators for a model without vectors. Empty for a
   * product the export does not have.
   */
  List<Hit> related(String productId, int k, Filters filters);

  /**
   * The next products for a session (oldest first): an indicator query with the session's
   * products, or for a model without indicators a kNN query with the sum of their unit vectors;
   * either way each product weighted by position as the model's own scoring weighs it ({@link
   * IndexInfo#sessionWeights}). Empty when the export knows none of them.
   */
  List<Hit> next(List<String> session, int k, Filters filters);

  @Override
  void close();
}
