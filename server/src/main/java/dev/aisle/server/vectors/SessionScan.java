package dev.aisle.server.vectors;

import dev.aisle.model.ScoredItem;
import dev.aisle.neighbours.NeighbourKernel;
import dev.aisle.neighbours.TopHeap;
import java.util.List;
import java.util.function.Supplier;

/**
 * Exact top-k of a query vector against every product's unit vector: the int8 {@link
 * QuantizedScan} where the JDK's vector module runs it, else a float32 {@link NeighbourKernel}
 * pass.
 *
 * <p>Thread-safe.
 */
interface SessionScan {
  /** Session queries run at load, before traffic (about a second at 100k products). */
  int WARM_UP_QUERIES = 500;

  /**
   * The {@code k} products whose unit vectors have the largest dot product with {@code query},
   * exactly, best first (ties to the lower ordinal, the more popular product).
   */
  List<ScoredItem> nearest(float[] query, int k);

  /** The share of the int8 scan's blocks a query read, on average; 0 for a float32 scan. */
  default double scannedShare() {
    return 0;
  }

  /** The scan of {@code unit}, with int8 blocks in ordinal order. */
  static SessionScan of(UnitVectors unit) {
    return of(unit, ScanLayout.inOrder(unit.size),
        () -> NeighbourKernel.of(unit.unit, unit.size, unit.dim));
  }

  /**
   * The scan of {@code unit}, with int8 blocks laid out by {@code layout}; {@code kernel} where
   * the int8 scan cannot run (its tiles are another copy of the vectors, so only made then).
   */
  static SessionScan of(UnitVectors unit, ScanLayout layout, Supplier<NeighbourKernel> kernel) {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      // only touched with the module present: without it QuantizedScan cannot even load
      QuantizedScan scan = QuantizedScan.of(unit.unit, unit.size, unit.dim, layout);
      if (scan != null) {
        scan.warmUp(WARM_UP_QUERIES);
        return scan;
      }
    }
    NeighbourKernel k = kernel.get();
    return (query, n) -> {
      TopHeap heap = new TopHeap(n);
      heap.reset(-1);
      k.scan(query, heap);
      return heap.drainBestFirst();
    };
  }
}
