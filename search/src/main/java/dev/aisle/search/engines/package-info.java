/**
 * Connecting to a search engine by URI ({@link dev.aisle.search.engines.SearchEngines}): the one
 * place that knows every engine, so that {@link dev.aisle.search} (what an engine does) and its
 * engine packages ({@link dev.aisle.search.solr}, {@link dev.aisle.search.opensearch}) depend on
 * each other in one direction only.
 */
package dev.aisle.search.engines;
