package dev.aisle.server.vectors;

import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.ScoredItem;
import java.util.List;

/**
 * An embedding model too large for exact neighbour lists: Lucene's HNSW graph over the unit
 * vectors ({@link AnnIndex}, {@code maxConn} 16, {@code beamWidth} 100), searched once per product
 * for approximate neighbour lists. Related products are a lookup in those lists, or a graph search
 * for a request that wants more; the session scan's blocks follow the lists. Graph, lists and
 * blocks are built once and saved beside the model ({@link SavedIndexes}).
 *
 * <p>Thread-safe.
 */
final class HnswRetrieval extends VectorRetrieval {
  private static final int MAX_CONN = 16;
  private static final int BEAM_WIDTH = 100;
  /** Candidates the graph search visits ({@code ef}). */
  private static final int SEARCH_CANDIDATES = 100;

  private final AnnIndex ann;
  private final NeighbourLists lists;

  private HnswRetrieval(EmbeddingModel model, UnitVectors unit, SessionScan scan, AnnIndex ann,
      NeighbourLists lists) {
    super(model, unit, scan);
    this.ann = ann;
    this.lists = lists;
  }

  static HnswRetrieval of(SavedIndexes saved, EmbeddingModel model, UnitVectors unit) {
    AnnIndex ann = saved.hnsw(unit, MAX_CONN, BEAM_WIDTH);
    String step = saved.name() + ": neighbour lists from the HNSW graph";
    NeighbourLists lists = saved.neighbourLists("hnsw", unit.size, ListedRetrieval.NEIGHBOURS,
        () -> NeighbourLists.search(ann, unit, ListedRetrieval.NEIGHBOURS, SEARCH_CANDIDATES,
            Runtime.getRuntime().availableProcessors(), saved.progress(), step));
    SessionScan scan = SessionScan.of(unit, saved.scanLayout(unit.size,
        ScanLayout.similar(lists)), () -> NeighbourKernel.of(unit.unit, unit.size, unit.dim));
    return new HnswRetrieval(model, unit, scan, ann, lists);
  }

  @Override
  public List<ScoredItem> related(int product, Demand demand) {
    int want = demand.approximateCandidates();
    return want <= lists.length() ? lists.nearest(product, Math.min(unit.size() - 1, want))
        : ann.search(unit.row(product), Math.min(unit.size(), want), SEARCH_CANDIDATES);
  }

  @Override
  public boolean approximate() {
    return true;
  }
}
