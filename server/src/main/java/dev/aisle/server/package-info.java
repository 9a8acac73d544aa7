/**
 * Aisle as a service: "customers also browsed" and "next for this session" over HTTP (Javalin),
 * with live sessions built from posted events, approximate nearest neighbours for embedding models
 * (Lucene's HNSW, Malkov and Yashunin 2018), business rules, hot model reload, an API key for
 * writes, Prometheus metrics and an OpenAPI description. {@link dev.aisle.server.AisleServer} is
 * the entry point: its routes, handlers and lifecycle; {@link dev.aisle.server.ServerOptions} how
 * to run it. The rooms:
 *
 * <ul>
 *   <li>{@link dev.aisle.server.request}: what a client may send, parsed and checked;
 *   <li>{@link dev.aisle.server.access}: the API key and CORS;
 *   <li>{@link dev.aisle.server.models}: the loaded models, reloads and the file watch;
 *   <li>{@link dev.aisle.server.vectors}: how a model answers (neighbour lists, the int8 session
 *       scan, HNSW) and the product map;
 *   <li>{@link dev.aisle.server.recommend}: ranking, rules, fallback, reasons, search engines;
 *   <li>{@link dev.aisle.server.live}: customers' live sessions;
 *   <li>{@link dev.aisle.server.shop}: the catalog as the API shows it.
 * </ul>
 */
package dev.aisle.server;
