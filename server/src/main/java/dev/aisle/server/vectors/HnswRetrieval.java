package dev.aisle.server.vectors;

import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.ScoredItem;
import java.util.List;

/**
 * An embedding model too large for neighbour lists, whose related products come from Lucene's
 * HNSW graph over the unit vectors ({@link AnnIndex}, {@code maxConn} 16, {@code beamWidth} 100).
 *
 * <p>Thread-safe.
 */
final class HnswRetrieval extends VectorRetrieval {
  private static final int MAX_CONN = 16;
  private static final int BEAM_WIDTH = 100;
  /** Candidates the graph search visits ({@code ef}). */
  private static final int SEARCH_CANDIDATES = 100;

  private final AnnIndex ann;

  HnswRetrieval(EmbeddingModel model, UnitVectors unit, SessionScan scan) {
    super(model, unit, scan);
    this.ann = new AnnIndex(unit.unit, unit.size, unit.dim, MAX_CONN, BEAM_WIDTH);
  }

  @Override
  public List<ScoredItem> related(int product, Demand demand) {
    return ann.search(unit.row(product), Math.min(unit.size(), demand.approximateCandidates()),
        SEARCH_CANDIDATES);
  }

  @Override
  public boolean approximate() {
    return true;
  }
}
