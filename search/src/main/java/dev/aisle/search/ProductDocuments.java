package dev.aisle.search;

import dev.aisle.BadInputException;
import dev.aisle.catalog.Catalog;
import dev.aisle.catalog.CatalogReader;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.SessionWeighting;
import dev.aisle.model.item2vec.Item2VecModel;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.model.hybrid.HybridModel;
import dev.aisle.modelfile.ModelFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model as search-engine documents, one per product:
 *
 * <pre>
 * ProductDocuments docs = ProductDocuments.of(ModelFile.read(Path.of("shop.model")),
 *     new CatalogReader(false).readAll(Path.of("catalog.csv")));
 * Map&lt;String, Object&gt; first = docs.document(0);
 * </pre>
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>from</th></tr>
 *   <tr><td>{@code id}</td><td>the product id</td></tr>
 *   <tr><td>{@code vector}</td><td>the unit-length embedding (item2vec, or a hybrid's item2vec
 *       part); absent for models without one</td></tr>
 *   <tr><td>{@code indicators}, {@code indicator_scores}</td><td>the co-occurrence indicators
 *       (a cooc model's, or a hybrid's cooc part), best first, with their LLR scores</td></tr>
 *   <tr><td>{@code views}</td><td>sessions that browsed the product in training</td></tr>
 *   <tr><td>{@code name}, {@code category}, {@code price}, {@code in_stock}</td><td>the
 *       catalog, when one is given and knows the product</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class ProductDocuments {
  /** Field names, shared by every engine. */
  public static final String ID = "id";
  public static final String VECTOR = "vector";
  public static final String INDICATORS = "indicators";
  public static final String INDICATOR_SCORES = "indicator_scores";
  public static final String VIEWS = "views";
  public static final String NAME = "name";
  public static final String CATEGORY = "category";
  public static final String PRICE = "price";
  public static final String IN_STOCK = "in_stock";
  /** The field of the {@link IndexInfo} document. */
  public static final String MODEL = "aisle_model";

  private final ProductIndex products;
  private final EmbeddingModel embedding;
  private final CoocModel cooc;
  private final CatalogReader.Listing catalog;
  private final IndexInfo info;

  private ProductDocuments(ModelFile.Loaded loaded, EmbeddingModel embedding, CoocModel cooc,
      CatalogReader.Listing catalog) {
    this.products = loaded.model().products();
    this.embedding = embedding;
    this.cooc = cooc;
    this.catalog = catalog;
    // sessions are answered from the indicators when there are any, else from the vectors
    SessionWeighting weighting = SessionWeighting.UNIFORM;
    double lambda = 1;
    if (cooc != null) {
      weighting = cooc.options().sessionWeighting();
      lambda = cooc.options().lambda();
    } else if (embedding instanceof Item2VecModel) {
      weighting = ((Item2VecModel) embedding).options().sessionWeighting();
      lambda = ((Item2VecModel) embedding).options().lambda();
    }
    this.info = new IndexInfo(loaded.checksum(), loaded.model().algorithm(), products.size(),
        embedding == null ? 0 : embedding.dim(), cooc != null, weighting.label(), lambda,
        loaded.info());
  }

  /**
   * The documents of a loaded model.
   *
   * @param catalog the shop's catalog, or null for documents without catalog fields
   * @throws BadInputException for a model with neither vectors nor indicators (popularity,
   *     session-kNN), which a search engine cannot answer from
   */
  public static ProductDocuments of(ModelFile.Loaded loaded, CatalogReader.Listing catalog) {
    Recommender m = loaded.model();
    EmbeddingModel embedding = part(m, EmbeddingModel.class);
    CoocModel cooc = part(m, CoocModel.class);
    if (embedding == null && cooc == null) {
      throw new BadInputException("a " + m.algorithm() + " model has neither product vectors "
          + "nor co-occurrence indicators for a search engine to query; export a cooc, "
          + "item2vec or hybrid model");
    }
    return new ProductDocuments(loaded, embedding, cooc, catalog);
  }

  private static <T> T part(Recommender m, Class<T> type) {
    if (type.isInstance(m)) {
      return type.cast(m);
    }
    if (m instanceof HybridModel) {
      for (Recommender r : ((HybridModel) m).components()) {
        if (type.isInstance(r)) {
          return type.cast(r);
        }
      }
    }
    return null;
  }

  /** What the export holds, for its model document. */
  public IndexInfo info() {
    return info;
  }

  /** Number of product documents. */
  public int size() {
    return products.size();
  }

  /** The vector dimension, 0 when the model has no vectors. */
  public int dim() {
    return info.dim();
  }

  /** The document of product {@code p} as field -> value (lists for multi-valued fields). */
  public Map<String, Object> document(int p) {
    Map<String, Object> d = new LinkedHashMap<>();
    String id = products.id(p);
    d.put(ID, id);
    float[] vector = embedding == null ? null : unit(embedding.vector(p));
    if (vector != null) {
      d.put(VECTOR, vector);
    }
    if (cooc != null) {
      List<ScoredItem> ind = cooc.indicators(p);
      List<String> ids = new ArrayList<>(ind.size());
      List<Float> scores = new ArrayList<>(ind.size());
      for (ScoredItem s : ind) {
        ids.add(products.id(s.product()));
        scores.add(s.score());
      }
      // an empty list would be an absent field anyway; the engines reject nothing here
      d.put(INDICATORS, ids);
      d.put(INDICATOR_SCORES, scores);
    }
    d.put(VIEWS, products.count(p));
    int c = catalog == null ? -1 : catalog.ordinal(id);
    if (c >= 0) {
      Catalog cat = catalog.catalog();
      putIfKnown(d, NAME, cat.name(c));
      putIfKnown(d, CATEGORY, cat.category(c));
      if (!Float.isNaN(cat.price(c))) {
        d.put(PRICE, cat.price(c));
      }
      if (cat.stock(c) != Catalog.Stock.UNKNOWN) {
        d.put(IN_STOCK, cat.stock(c) == Catalog.Stock.IN_STOCK);
      }
    }
    return d;
  }

  /** The model document: id {@link IndexInfo#DOC_ID}, the info as JSON in {@link #MODEL}. */
  public Map<String, Object> modelDocument() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(ID, IndexInfo.DOC_ID);
    d.put(MODEL, info.toJson());
    return d;
  }

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    if (norm == 0) {
      return null; // cosine is undefined and the engines refuse it: no vector, as if untrained
    }
    float inv = (float) (1 / Math.sqrt(norm));
    float[] u = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      u[i] = v[i] * inv;
    }
    return u;
  }

  private static void putIfKnown(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
