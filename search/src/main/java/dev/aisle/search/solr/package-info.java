/**
 * SolrCloud: Aisle's configset (schema with a {@code DenseVectorField}, HNSW, cosine), the
 * export through the Collections and ConfigSets APIs, and {@code {!knn}} and indicator queries
 * through the JSON request API. See {@link dev.aisle.search.solr.SolrCollection}.
 */
package dev.aisle.search.solr;
