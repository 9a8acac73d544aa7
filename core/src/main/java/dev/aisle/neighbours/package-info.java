/**
 * Exact nearest products by the cosine of embedding vectors: {@link
 * dev.aisle.neighbours.NeighbourKernel} scores queries against every product (SIMD when the JDK's
 * vector module is present), {@link dev.aisle.neighbours.TopHeap} keeps a query's best, and
 * {@link dev.aisle.neighbours.ExactNeighbours} computes every product's list. The server's
 * related-product lists and exact session scans and the ranker's candidate pools all use them.
 */
package dev.aisle.neighbours;
