package dev.aisle.server.vectors;

import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import java.util.List;

/**
 * Answers by the model's own scores of every product: exact, and the only way for models that are
 * not embeddings (co-occurrence, session kNN, popularity, the dense network, blends).
 *
 * <p>Thread-safe as the model is.
 */
final class ModelScores implements Retrieval {
  private final Recommender model;

  ModelScores(Recommender model) {
    this.model = model;
  }

  @Override
  public List<ScoredItem> related(int product, Demand demand) {
    return model.topRelated(product, demand.candidates());
  }

  @Override
  public List<ScoredItem> next(int[] session, Demand demand) {
    return model.topNext(session, demand.candidates());
  }
}
