package dev.aisle.server.vectors;

import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import java.util.List;

/**
 * Answers by the model itself ({@link Recommender#topRelated}, {@link Recommender#topNext}):
 * exact, and the only way for models that are not embeddings. Co-occurrence and session kNN
 * answer from the products a query touches, the learned ranker from its candidates; the others
 * (popularity, the dense network, blends) score every product.
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
