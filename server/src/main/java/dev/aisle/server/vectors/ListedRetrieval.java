package dev.aisle.server.vectors;

import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.ScoredItem;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedding model whose related products are looked up in exact neighbour lists computed at
 * load; a request for more candidates than a list holds is scored by the model.
 *
 * <p>Thread-safe.
 */
final class ListedRetrieval extends VectorRetrieval {
  private static final Logger LOG = LoggerFactory.getLogger(ListedRetrieval.class);

  /** Neighbours kept per product in the precomputed lists. */
  static final int NEIGHBOURS = 50;

  private final NeighbourLists lists;

  private ListedRetrieval(EmbeddingModel model, UnitVectors unit, SessionScan scan,
      NeighbourLists lists) {
    super(model, unit, scan);
    this.lists = lists;
  }

  /** Computes the lists on every core, then the session scan with blocks along them. */
  static ListedRetrieval of(String name, EmbeddingModel model, UnitVectors unit) {
    NeighbourKernel kernel = NeighbourKernel.of(unit.unit, unit.size, unit.dim);
    long start = System.nanoTime();
    NeighbourLists lists = NeighbourLists.compute(kernel, NEIGHBOURS,
        Runtime.getRuntime().availableProcessors());
    LOG.info(String.format(Locale.ROOT, "%s: nearest %d of %,d products each in %.1f s (%,d MB)",
        name, NEIGHBOURS, unit.size, (System.nanoTime() - start) / 1e9, lists.bytes() >> 20));
    return new ListedRetrieval(model, unit, SessionScan.of(unit, lists, () -> kernel), lists);
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
