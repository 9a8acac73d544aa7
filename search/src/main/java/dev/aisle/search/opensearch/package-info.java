/**
 * OpenSearch and Elasticsearch: the index mapping (a {@code knn_vector} or {@code dense_vector}
 * field with HNSW and cosine similarity, keyword indicator and catalog fields), the bulk NDJSON
 * export and the same queries as Solr's in each engine's query DSL. See {@link
 * dev.aisle.search.opensearch.OpenSearchIndex}.
 */
package dev.aisle.search.opensearch;
