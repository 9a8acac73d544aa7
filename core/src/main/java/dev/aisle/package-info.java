/**
 * Aisle: a product recommender for online shops.
 *
 * <p>The pipeline reads browse logs ({@link dev.aisle.ingest}), cuts them into sessions ({@link
 * dev.aisle.session}) and stores a compact corpus ({@link dev.aisle.corpus}) that every model
 * trains on. This root package holds only what every feature shares: the version and the one
 * domain exception for bad input.
 */
package dev.aisle;
