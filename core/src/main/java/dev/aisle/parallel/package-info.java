/**
 * Work split over threads: {@link dev.aisle.parallel.Parallel} runs a fixed number of workers
 * (each takes its share by id, or pulls blocks from a shared counter) on one process-wide pool and
 * waits for all. A result never depends on how many threads computed it unless a class says so
 * (Hogwild updates in item2vec and GloVe).
 */
package dev.aisle.parallel;
