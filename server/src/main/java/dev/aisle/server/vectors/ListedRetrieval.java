package dev.aisle.server.vectors;

import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.ScoredItem;
import dev.aisle.neighbours.NeighbourKernel;
import java.util.List;

/**
 * An embedding model whose related products are looked up in exact neighbour lists (a blocked
 * brute force, computed once and saved beside the model); a request for more candidates than a
 * list holds is scored by the model.
 *
 * <p>Thread-safe.
 */
final class ListedRetrieval extends VectorRetrieval {
  /** Neighbours kept per product in the precomputed lists. */
  static final int NEIGHBOURS = 50;

  private final NeighbourLists lists;

  private ListedRetrieval(EmbeddingModel model, UnitVectors unit, SessionScan scan,
      NeighbourLists lists) {
    super(model, unit, scan);
    this.lists = lists;
  }

  /**
   * The lists and the session scan (blocks along the lists) from {@code saved}, computed on every
   * core where they are not saved yet.
   */
  static ListedRetrieval of(SavedIndexes saved, EmbeddingModel model, UnitVectors unit) {
    NeighbourKernel kernel = NeighbourKernel.of(unit.unit, unit.size, unit.dim);
    String step = saved.name() + ": exact neighbour lists";
    NeighbourLists lists = saved.neighbourLists("exact", unit.size, NEIGHBOURS,
        () -> NeighbourLists.compute(kernel, NEIGHBOURS,
            Runtime.getRuntime().availableProcessors(), saved.progress(), step));
    return new ListedRetrieval(model, unit, SessionScan.of(unit,
        saved.scanLayout(unit.size, ScanLayout.similar(lists)), () -> kernel), lists);
  }

  @Override
  public List<ScoredItem> related(int product, Demand demand) {
    int want = demand.candidates();
    return want <= lists.length() ? lists.nearest(product, want) : super.related(product, demand);
  }

  @Override
  public boolean neighbourLists() {
    return true;
  }
}
