package dev.aisle.search;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.Recommender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A search backend seen as a {@link Recommender}, so that Aisle's evaluation measures an export
 * exactly as it measures the model file: each query asks the engine for its top {@code k}, and
 * those get descending scores by rank (every other product scores negative infinity, so a product
 * the engine did not return is a miss at any cut-off up to {@code k}).
 *
 * <pre>
 * Recommender solr = new EngineRecommender(SearchBackend.connect("solr://localhost:8983/shop"),
 *     model.products(), 20);
 * double hr20 = Evaluator.evaluate(solr, TestSessions.of(model.products(), test),
 *     new int[] {20}, null).metrics().get("HR@20");
 * </pre>
 *
 * <p>Thread-safe as its backend; not a model to save.
 */
public final class EngineRecommender implements Recommender {
  private final SearchBackend engine;
  private final ProductIndex products;
  private final int k;

  /**
   * @param products the exported model's products (the engine's ids are mapped to these)
   * @param k how many products to ask the engine for
   */
  public EngineRecommender(SearchBackend engine, ProductIndex products, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    this.engine = engine;
    this.products = products;
    this.k = k;
  }

  @Override
  public String algorithm() {
    return engine.uri().engine().scheme();
  }

  @Override
  public ProductIndex products() {
    return products;
  }

  @Override
  public void scoreNext(int[] session, float[] scores) {
    List<String> ids = new ArrayList<>(session.length);
    for (int p : session) {
      ids.add(products.id(p));
    }
    fill(engine.next(ids, k, Filters.NONE), scores);
  }

  @Override
  public void scoreRelated(int product, float[] scores) {
    fill(engine.related(products.id(product), k, Filters.NONE), scores);
  }

  private void fill(List<Hit> hits, float[] scores) {
    Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    for (int r = 0; r < hits.size(); r++) {
      int p = products.ordinal(hits.get(r).id());
      if (p >= 0 && scores[p] == Float.NEGATIVE_INFINITY) {
        scores[p] = hits.size() - r;
      }
    }
  }

  @Override
  public void write(BinaryWriter out) {
    throw new UnsupportedOperationException("an engine-backed view is not a model file; save "
        + "the model that was exported");
  }
}
