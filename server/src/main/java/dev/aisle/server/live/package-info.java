/**
 * Live browse sessions built from posted events by the rule of ingest (a pause longer than the
 * gap starts a new session), in bounded memory, for "next for this customer".
 */
package dev.aisle.server.live;
