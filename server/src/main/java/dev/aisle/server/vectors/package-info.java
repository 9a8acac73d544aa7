/**
 * How a served model answers, behind one type, {@link dev.aisle.server.vectors.Retrieval}: a
 * model that is not an embedding scores every product itself; an embedding model's unit vectors
 * ({@link dev.aisle.server.vectors.UnitVectors}) get exact neighbour lists computed at load
 * ({@link dev.aisle.server.vectors.NeighbourLists}, a blocked brute force), or, for catalogs too
 * large for that, Lucene's HNSW graph (Malkov and Yashunin, "Efficient and robust approximate
 * nearest neighbor search using Hierarchical Navigable Small World graphs", 2018); a session's
 * next products come from an exact scan through an int8 copy of the vectors with bounds that
 * skip most of it ({@code QuantizedScan}). Catalogs past the exact lists' limit get approximate
 * lists from the graph, so "related" is a lookup at any size. Lists, graph and the scan's blocks
 * are built once per model file and saved beside it ({@code SavedIndexes}: {@code MODEL.index/},
 * memory-mapped on the next load, rebuilt when stale or corrupt).
 * {@link dev.aisle.server.vectors.ProductMap} projects the vectors to two dimensions (PCA) for
 * the dashboard.
 */
package dev.aisle.server.vectors;
