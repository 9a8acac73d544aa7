/**
 * Aisle as a service: "customers also browsed" and "next for this session" over HTTP (Javalin),
 * with live sessions built from posted events, approximate nearest neighbours for embedding models
 * (Lucene's HNSW, Malkov and Yashunin 2018), business rules, hot model reload, an API key for
 * writes, Prometheus metrics and an OpenAPI description. {@link dev.aisle.server.AisleServer} is
 * the entry point.
 */
package dev.aisle.server;
