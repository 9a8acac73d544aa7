package dev.aisle.server.vectors;

import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.ScoredItem;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * An embedding model too large for exact neighbour lists: Lucene's HNSW graph over the unit
 * vectors ({@link AnnIndex}, {@code maxConn} 16, {@code beamWidth} 100), searched once per product
 * for approximate neighbour lists. Related products are a lookup in those lists, or a graph search
 * for a request that wants more. A session's next products are a graph search with the session's
 * query (approximate too: an exact scan of a million vectors costs milliseconds a request, more
 * than two cores can give at thousands a second). Graph and lists are built once and saved beside
 * the model ({@link SavedIndexes}).
 *
 * <p>Thread-safe.
 */
final class HnswRetrieval implements Retrieval {
  private static final int MAX_CONN = 16;
  private static final int BEAM_WIDTH = 100;
  /** Candidates the graph search visits ({@code ef}) for related products. */
  private static final int SEARCH_CANDIDATES = 100;
  /**
   * Candidates the graph search visits for a session: a session's query is a blend of several
   * products, farther from any one of them than a product is from its neighbours.
   */
  private static final int SESSION_CANDIDATES = 200;

  private final EmbeddingModel model;
  private final UnitVectors unit;
  private final AnnIndex ann;
  private final NeighbourLists lists;

  private HnswRetrieval(EmbeddingModel model, UnitVectors unit, AnnIndex ann,
      NeighbourLists lists) {
    this.model = model;
    this.unit = unit;
    this.ann = ann;
    this.lists = lists;
  }

  static HnswRetrieval of(SavedIndexes saved, EmbeddingModel model, UnitVectors unit) {
    AnnIndex ann = saved.hnsw(unit, MAX_CONN, BEAM_WIDTH);
    String step = saved.name() + ": neighbour lists from the HNSW graph";
    NeighbourLists lists = saved.neighbourLists("hnsw", unit.size, ListedRetrieval.NEIGHBOURS,
        () -> NeighbourLists.search(ann, unit, ListedRetrieval.NEIGHBOURS, SEARCH_CANDIDATES,
            Runtime.getRuntime().availableProcessors(), saved.progress(), step));
    return new HnswRetrieval(model, unit, ann, lists);
  }

  /**
   * A lookup in the neighbour lists when they hold what the request needs ({@link
   * Demand#candidates()}: the lists were searched with {@code ef} {@value #SEARCH_CANDIDATES} when
   * built, so the graph's headroom is in them already); a graph search with headroom for what it
   * may miss otherwise.
   */
  @Override
  public List<ScoredItem> related(int product, Demand demand) {
    if (demand.candidates() <= lists.length()) {
      return lists.nearest(product, Math.min(unit.size() - 1, demand.candidates()));
    }
    int want = demand.approximateCandidates();
    return ann.search(unit.row(product), Math.min(unit.size(), want),
        Math.max(SEARCH_CANDIDATES, want));
  }

  /**
   * The graph's nearest products to the session's query scaled to unit length (the order is the
   * same; the graph's scores assume unit vectors), scored by the query as the model scores them.
   */
  @Override
  public List<ScoredItem> next(int[] session, Demand demand) {
    float[] query = model.sessionQuery(session);
    double norm = 0;
    for (float x : query) {
      norm += (double) x * x;
    }
    int want = Math.min(unit.size(), demand.approximateCandidates());
    if (norm == 0) {
      // products without vectors: every score is 0, and ties go to the more popular product
      return IntStream.range(0, want).mapToObj(p -> new ScoredItem(p, 0f)).toList();
    }
    float scale = (float) Math.sqrt(norm);
    float[] q = query.clone();
    for (int i = 0; i < q.length; i++) {
      q[i] /= scale;
    }
    List<ScoredItem> found = ann.search(q, want, Math.max(SESSION_CANDIDATES, want));
    return found.stream().map(s -> new ScoredItem(s.product(), s.score() * scale)).toList();
  }

  @Override
  public Optional<UnitVectors> vectors() {
    return Optional.of(unit);
  }

  @Override
  public boolean approximate() {
    return true;
  }
}
