/**
 * Access control: reads are open; events and admin requests need the API key once one is set,
 * except that browsers may post events with the public collection key at a rate limit per
 * address ({@link dev.aisle.server.access.RateLimiter}, a token bucket); browsers may call the
 * API from the configured origins only (CORS, with {@code *} for any).
 */
package dev.aisle.server.access;
