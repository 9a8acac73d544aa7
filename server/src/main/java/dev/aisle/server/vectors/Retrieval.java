package dev.aisle.server.vectors;

import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.sknn.SknnModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a served model answers: which products are related to one, and which come next in a
 * session, as ranked candidates by the model's ordinals. {@link #of} picks the way by the model's
 * kind and size:
 *
 * <table>
 *   <caption>Ways of answering</caption>
 *   <tr><th>model</th><th>related</th><th>next in a session</th></tr>
 *   <tr><td>session kNN</td><td>lists of the model's own answers, computed once ({@link
 *       ListedRelated})</td><td>the model itself, from the sessions it touches</td></tr>
 *   <tr><td>not an embedding</td><td colspan="2">the model itself, from the products it touches
 *       (co-occurrence; the learned ranker from its candidate models' and its neighbour
 *       lists) or by scoring every product</td></tr>
 *   <tr><td>embedding, up to {@code neighbourListMax} products</td><td>exact neighbour lists
 *       (brute force)</td><td rowspan="2">exact scan of the unit vectors (int8 with bounds
 *       where the JDK's vector module runs, else float32)</td></tr>
 *   <tr><td>embedding, in between</td><td>the model scores every product</td></tr>
 *   <tr><td>embedding, more than {@code neighbourListMax} and at least {@code annThreshold}
 *       products</td><td>neighbour lists from an HNSW graph</td><td>an HNSW graph search
 *       (approximate)</td></tr>
 * </table>
 *
 * <p>Indexes are built once per model file and saved beside it ({@link #load}, {@link
 * SavedIndexes}). Implementations are thread-safe.
 */
public interface Retrieval {
  /** The candidates related to {@code product}, best first; never more than the model holds. */
  List<ScoredItem> related(int product, Demand demand);

  /** The candidates to follow {@code session} (known ordinals, oldest first, at least one). */
  List<ScoredItem> next(int[] session, Demand demand);

  /** The unit vectors of an embedding model, for the product map; empty for other models. */
  default Optional<UnitVectors> vectors() {
    return Optional.empty();
  }

  /** Whether related products come from an approximate index (HNSW). */
  default boolean approximate() {
    return false;
  }

  /** Whether related products come from precomputed neighbour lists. */
  default boolean neighbourLists() {
    return false;
  }

  /** The share of the int8 scan's blocks a session query read, on average; 0 without it. */
  default double scannedShare() {
    return 0;
  }

  /**
   * The way the model in {@code modelFile} answers, its indexes mapped from beside the file where
   * they were saved before (see {@link SavedIndexes}), else built now and saved there.
   *
   * @param name the model's served name, for the log
   * @param checksum the model file's checksum, which the saved indexes must record
   * @param annThreshold embedding models with at least this many products and no neighbour
   *     lists use HNSW
   * @param neighbourListMax embedding models with at most this many products get neighbour lists
   */
  static Retrieval load(String name, Path modelFile, String checksum, Recommender model,
      int annThreshold, int neighbourListMax, BuildProgress progress) {
    SavedIndexes saved = SavedIndexes.beside(name, modelFile, checksum, progress);
    if (model instanceof SknnModel) {
      // the one model that computes a related list per request from its training sessions
      return ListedRelated.of(saved, model);
    }
    if (!(model instanceof EmbeddingModel)) {
      return new ModelScores(model);
    }
    EmbeddingModel m = (EmbeddingModel) model;
    UnitVectors unit = UnitVectors.of(m);
    if (unit.size() <= neighbourListMax) {
      return ListedRetrieval.of(saved, m, unit);
    }
    if (unit.size() >= annThreshold) {
      return HnswRetrieval.of(saved, m, unit);
    }
    return new VectorRetrieval(m, unit, SessionScan.of(unit));
  }
}
