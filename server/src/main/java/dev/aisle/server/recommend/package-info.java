/**
 * Recommendations as the API answers them: {@link
 * dev.aisle.server.recommend.RecommendationService} ranks candidates from a served model (or from
 * the search engine that holds its export, {@link dev.aisle.server.recommend.EngineBackends}),
 * applies the request's business rules, falls back to popularity for products the model does not
 * know, and gives every item the model's own reason.
 */
package dev.aisle.server.recommend;
