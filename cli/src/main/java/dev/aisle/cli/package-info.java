/**
 * The {@code aisle} command: one picocli subcommand per job ({@code ingest}, {@code stats},
 * {@code generate}, ...). Commands parse and validate options, call the core, and print; they hold
 * no pipeline logic of their own. Exit codes: 0 success, 1 failure, 2 bad input or usage.
 */
package dev.aisle.cli;
