package dev.aisle.search;

/**
 * How to lay out an exported model in the engine.
 *
 * <table>
 *   <caption>HNSW parameters (Malkov and Yashunin, 2018) by engine</caption>
 *   <tr><th>ours</th><th>paper</th><th>Solr</th><th>OpenSearch / Elasticsearch</th></tr>
 *   <tr><td>{@code m}</td><td>M</td><td>hnswMaxConnections</td><td>m</td></tr>
 *   <tr><td>{@code efConstruction}</td><td>efConstruction</td><td>hnswBeamWidth</td>
 *       <td>ef_construction</td></tr>
 * </table>
 *
 * @param shards shards of the collection or index
 * @param replicas copies of each shard (Solr's replicationFactor; OpenSearch counts the copies
 *     beyond the primary, so it gets {@code replicas - 1})
 * @param replace drop an existing collection or index of the same name first
 * @param m HNSW neighbours per node
 * @param efConstruction HNSW candidate list size while building
 */
public record ExportOptions(int shards, int replicas, boolean replace, int m,
    int efConstruction) {
  /** One shard, one replica, no replacing, M = 16, efConstruction = 100 (as the server's HNSW). */
  public static final ExportOptions DEFAULTS = new ExportOptions(1, 1, false, 16, 100);

  public ExportOptions {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, was " + shards);
    }
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be >= 1, was " + replicas);
    }
    if (m < 2 || m > 512) {
      throw new IllegalArgumentException("m must be in 2..512, was " + m);
    }
    if (efConstruction < 1 || efConstruction > 3200) {
      throw new IllegalArgumentException("ef-construction must be in 1..3200, was "
          + efConstruction);
    }
  }

  public ExportOptions withShards(int s, int r) {
    return new ExportOptions(s, r, replace, m, efConstruction);
  }

  public ExportOptions withReplace(boolean r) {
    return new ExportOptions(shards, replicas, r, m, efConstruction);
  }
}
