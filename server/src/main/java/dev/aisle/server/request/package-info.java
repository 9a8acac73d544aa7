/**
 * What a client may send, read and checked before anything is served: JSON bodies ({@link
 * dev.aisle.server.request.JsonBody}), query parameters ({@link
 * dev.aisle.server.request.QueryParams}), recommendation requests with their business rules
 * ({@link dev.aisle.server.request.RecommendRequest}, {@link dev.aisle.server.request.Rules})
 * and posted events ({@link dev.aisle.server.request.PostedEvent}). Every refusal is an {@link
 * dev.aisle.server.request.ApiException}: a 4xx status and the request field at fault, never a
 * 5xx. Nothing here knows HTTP: each parser takes the bytes or values a request carried.
 */
package dev.aisle.server.request;
