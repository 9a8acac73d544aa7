package dev.aisle.server.vectors;

import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.ScoredItem;
import java.util.List;
import java.util.Optional;

/**
 * An embedding model's answers: a session's next products by an exact scan of the unit vectors
 * with the model's session query; related products by the model's scores, unless a subclass keeps
 * an index for them.
 *
 * <p>Thread-safe.
 */
class VectorRetrieval implements Retrieval {
  final EmbeddingModel model;
  final UnitVectors unit;
  private final SessionScan scan;
  private final ModelScores exact;

  VectorRetrieval(EmbeddingModel model, UnitVectors unit, SessionScan scan) {
    this.model = model;
    this.unit = unit;
    this.scan = scan;
    this.exact = new ModelScores(model);
  }

  @Override
  public List<ScoredItem> related(int product, Demand demand) {
    return exact.related(product, demand);
  }

  @Override
  public final List<ScoredItem> next(int[] session, Demand demand) {
    return scan.nearest(model.sessionQuery(session), Math.min(unit.size(), demand.candidates()));
  }

  @Override
  public final Optional<UnitVectors> vectors() {
    return Optional.of(unit);
  }

  @Override
  public final double scannedShare() {
    return scan.scannedShare();
  }
}
