/**
 * Access control: reads are open; events and admin requests need the API key once one is set;
 * browsers may call the API from the configured origins only (CORS, with {@code *} for any).
 */
package dev.aisle.server.access;
