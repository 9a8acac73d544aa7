package dev.aisle.server;

import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.modelfile.ModelFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model as the server holds it: loaded from its file; an embedding model also with unit
 * vectors, kernels that score a session's query against all of them exactly, and either precomputed exact neighbour lists (up to {@code neighbourListMax} products) or,
 * for larger catalogs, an HNSW index.
 *
 * @param name the name requests use ({@code ?model=NAME})
 * @param path the model file, for reloads
 * @param loaded the model with its provenance
 * @param cards the model's products as the API shows them, by ordinal
 * @param unit unit-length product vectors of an embedding model, or null
 * @param kernel exact float32 scoring of session queries against {@code unit} where {@code
 *     quantized} cannot run (its tiles are another copy of the vectors), else null
 * @param quantized the faster exact scan of {@code unit} through an int8 copy, or null where the
 *     JDK cannot run it
 * @param neighbours the nearest products of every product, or null
 * @param ann the approximate index over {@code unit}, or null (exact scoring)
 */
record ServedModel(String name, Path path, ModelFile.Loaded loaded, ProductCard[] cards,
    float[] unit,
    NeighbourKernel kernel, QuantizedScan quantized, NeighbourLists neighbours, AnnIndex ann) {
  private static final Logger LOG = LoggerFactory.getLogger(ServedModel.class);

  /** Neighbours kept per product in the precomputed lists. */
  static final int NEIGHBOURS = 50;

  /** Session queries run at load, before traffic (about a second at 100k products). */
  static final int WARM_UP_QUERIES = 500;

  Recommender model() {
    return loaded.model();
  }

  /** The product of an ordinal as the API shows it. */
  ProductCard card(int ordinal) {
    return cards[ordinal];
  }

  /** The dimension of the vectors of an embedding model. */
  int dim() {
    return ((EmbeddingModel) model()).dim();
  }

  /**
   * The {@code k} products whose unit vectors have the largest dot product with {@code query},
   * exactly, best first (ties to the lower ordinal, the more popular product).
   */
  List<ScoredItem> nearest(float[] query, int k) {
    if (quantized != null) {
      return quantized.nearest(query, k);
    }
    NeighbourLists.TopHeap heap = new NeighbourLists.TopHeap(k);
    heap.reset(-1);
    kernel.scan(query, heap);
    return heap.drainBestFirst();
  }

  /**
   * Serves a loaded model. An embedding model of at most {@code neighbourListMax} products gets
   * exact neighbour lists; a larger one of at least {@code annThreshold} products gets HNSW.
   */
  static ServedModel of(String name, Path path, ModelFile.Loaded loaded, Shop shop,
      int annThreshold, int neighbourListMax) {
    ProductCard[] cards = shop.cards(loaded.model().products());
    if (!(loaded.model() instanceof EmbeddingModel)) {
      return new ServedModel(name, path, loaded, cards, null, null, null, null, null);
    }
    EmbeddingModel m = (EmbeddingModel) loaded.model();
    int n = m.products().size();
    int dim = m.dim();
    float[] unit = new float[n * dim];
    for (int p = 0; p < n; p++) {
      float[] v = m.vector(p);
      double norm = 0;
      for (float x : v) {
        norm += (double) x * x;
      }
      float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
      for (int i = 0; i < dim; i++) {
        unit[p * dim + i] = v[i] * inv;
      }
    }
    if (n <= neighbourListMax) {
      NeighbourKernel kernel = NeighbourKernel.of(unit, n, dim);
      long start = System.nanoTime();
      NeighbourLists lists = NeighbourLists.compute(kernel, NEIGHBOURS,
          Runtime.getRuntime().availableProcessors());
      LOG.info(String.format(Locale.ROOT, "%s: nearest %d of %,d products each in %.1f s (%,d MB)",
          name, NEIGHBOURS, n, (System.nanoTime() - start) / 1e9, lists.bytes() >> 20));
      QuantizedScan quantized = quantized(unit, n, dim, lists);
      return new ServedModel(name, path, loaded, cards, unit, quantized == null ? kernel : null,
          quantized, lists, null);
    }
    AnnIndex ann = n >= annThreshold ? new AnnIndex(unit, n, dim, 16, 100) : null;
    QuantizedScan quantized = quantized(unit, n, dim, null);
    return new ServedModel(name, path, loaded, cards, unit,
        quantized == null ? NeighbourKernel.of(unit, n, dim) : null, quantized, null, ann);
  }

  /** The int8 scan, warmed up; null without the JDK's vector module (its class needs it). */
  private static QuantizedScan quantized(float[] unit, int n, int dim, NeighbourLists lists) {
    if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      return null;
    }
    QuantizedScan scan = QuantizedScan.of(unit, n, dim, lists);
    if (scan != null) {
      scan.warmUp(WARM_UP_QUERIES);
    }
    return scan;
  }
}
