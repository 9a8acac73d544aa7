package dev.aisle.search.engines;

import dev.aisle.search.SearchIndex;
import dev.aisle.search.SearchUri;
import dev.aisle.search.opensearch.OpenSearchIndex;
import dev.aisle.search.solr.SolrCollection;

/**
 * The engines Aisle speaks to, by the scheme of their URI: {@code solr://} is a SolrCloud
 * collection, {@code opensearch://} and {@code elasticsearch://} an index.
 *
 * <pre>
 * try (SearchIndex index = SearchEngines.connect("opensearch://localhost:9200/shop")) {
 *   List&lt;Hit&gt; related = index.related("P000001", 10, Filters.NONE);
 * }
 * </pre>
 */
public final class SearchEngines {
  private SearchEngines() {}

  /** Connects to the engine {@code uri} names. Nothing is sent until the first call. */
  public static SearchIndex connect(SearchUri uri) {
    return switch (uri.engine()) {
      case SOLR -> SolrCollection.connect(uri);
      case OPENSEARCH, ELASTICSEARCH -> OpenSearchIndex.connect(uri);
    };
  }

  /**
   * Connects to the engine a URI such as {@code solr://HOST:PORT/COLLECTION} names.
   *
   * @throws IllegalArgumentException for a URI that is not one of an engine's
   */
  public static SearchIndex connect(String uri) {
    return connect(SearchUri.parse(uri));
  }
}
