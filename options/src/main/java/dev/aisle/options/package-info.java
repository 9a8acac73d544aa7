/**
 * The picocli options shared by every command that reads browse logs, {@code aisle ingest},
 * {@code train}, {@code evaluate} and the Spark job alike, so that they have the same names,
 * defaults and meaning everywhere.
 */
package dev.aisle.options;
