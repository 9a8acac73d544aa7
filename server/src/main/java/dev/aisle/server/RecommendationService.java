package dev.aisle.server;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.model.hybrid.HybridModel;
import dev.aisle.model.pop.PopularityModel;
import dev.aisle.model.sknn.SknnModel;
import dev.aisle.search.Filters;
import dev.aisle.search.Hit;
import dev.aisle.search.SearchBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers "customers also browsed" and "next for this session" with a served model: scores (exact,
 * precomputed neighbour lists, or HNSW candidates for large embedding models), business rules, popularity fallback for products
 * the model does not know, and a reason for every item grounded in the data.
 *
 * <p>Thread-safe.
 */
final class RecommendationService {
  private final Shop shop;
  private final EngineBackends engines;

  RecommendationService(Shop shop) {
    this(shop, EngineBackends.NONE);
  }

  RecommendationService(Shop shop, EngineBackends engines) {
    this.shop = shop;
    this.engines = engines;
  }

  /** Products related to {@code productId}. */
  Map<String, Object> related(ServedModel served, String productId, int k, Rules rules) {
    Recommender model = served.model();
    ProductIndex products = model.products();
    int p = products.ordinal(productId);
    List<ScoredItem> ranked;
    boolean fallback = p < 0;
    String fallbackCategory = null;
    SearchBackend engine = engines.of(served);
    if (fallback) {
      fallbackCategory = shop.category(productId);
      ranked = popular(products, fallbackCategory);
    } else if (engine != null) {
      ranked = ordinals(engine.related(productId, engineCandidates(k, rules), filters(rules)),
          products);
    } else if (served.neighbours() != null
        && candidates(k, rules) <= served.neighbours().length()) {
      ranked = served.neighbours().nearest(p, candidates(k, rules));
    } else if (served.ann() != null) {
      float[] q = new float[served.dim()];
      System.arraycopy(served.unit(), p * served.dim(), q, 0, served.dim());
      ranked = served.ann().search(q, Math.min(products.size(), k * 4 + rules.exclude().size()
          + 1), 100);
    } else {
      float[] scores = new float[products.size()];
      model.scoreRelated(p, scores);
      ranked = TopK.select(scores, Math.min(products.size(), candidates(k, rules)), null);
    }
    List<Map<String, Object>> items = apply(ranked, products, k, rules, productId);
    for (Map<String, Object> item : items) {
      item.put("reason", fallback ? popularReason(fallbackCategory)
          : relatedReason(model, p, products.ordinal((String) item.get("id"))));
    }
    return withBackend(response(served, items, fallback), fallback ? null : engine);
  }

  /** The next products for a session of product ids, oldest first. */
  Map<String, Object> next(ServedModel served, List<String> session, int k, Rules rules) {
    Recommender model = served.model();
    ProductIndex products = model.products();
    List<Integer> known = new ArrayList<>();
    for (String id : session) {
      int p = products.ordinal(id);
      if (p >= 0) {
        known.add(p);
      }
    }
    boolean fallback = known.isEmpty();
    SearchBackend engine = engines.of(served);
    List<ScoredItem> ranked;
    String category = null;
    if (fallback) {
      category = session.isEmpty() ? null : shop.category(session.get(session.size() - 1));
      ranked = popular(products, category);
    } else if (engine != null) {
      ranked = ordinals(engine.next(session, engineCandidates(k, rules), filters(rules)),
          products);
    } else {
      float[] scores = new float[products.size()];
      model.scoreNext(known.stream().mapToInt(Integer::intValue).toArray(), scores);
      ranked = TopK.select(scores, Math.min(products.size(), candidates(k, rules)), null);
    }
    List<Map<String, Object>> items = apply(ranked, products, k, rules, null);
    int last = fallback ? -1 : known.get(known.size() - 1);
    for (Map<String, Object> item : items) {
      item.put("reason", fallback ? popularReason(category)
          : nextReason(model, last, products.ordinal((String) item.get("id"))));
    }
    Map<String, Object> out = withBackend(response(served, items, fallback),
        fallback ? null : engine);
    out.put("session", session);
    return out;
  }

  /**
   * How many items to ask a search engine for: it applies exclude, category and stock itself,
   * so k, unless a per-category limit drops some here.
   */
  private static int engineCandidates(int k, Rules rules) {
    return rules.maxPerCategory() > 0 ? k * 20 : k;
  }

  private static Filters filters(Rules rules) {
    return new Filters(rules.exclude(), rules.category(), rules.inStockOnly());
  }

  /** An engine's hits as ordinals of the served model (the export holds the same products). */
  private static List<ScoredItem> ordinals(List<Hit> hits, ProductIndex products) {
    List<ScoredItem> out = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      int p = products.ordinal(h.id());
      if (p >= 0) {
        out.add(new ScoredItem(p, h.score()));
      }
    }
    return out;
  }

  private static Map<String, Object> withBackend(Map<String, Object> out, SearchBackend engine) {
    if (engine != null) {
      out.put("backend", engine.uri().toString());
    }
    return out;
  }

  private static int candidates(int k, Rules rules) {
    boolean filtering = rules.category() != null || rules.inStockOnly()
        || rules.maxPerCategory() > 0;
    return (filtering ? k * 20 : k + 1) + rules.exclude().size();
  }

  /** Products by popularity, those of {@code category} first. */
  private List<ScoredItem> popular(ProductIndex products, String category) {
    float[] scores = new float[products.size()];
    for (int p = 0; p < scores.length; p++) {
      scores[p] = products.count(p)
          + (category != null && category.equals(shop.category(products.id(p)))
              ? products.count(0) + 1 : 0);
    }
    return TopK.select(scores, Math.min(products.size(), 2000), null);
  }

  private List<Map<String, Object>> apply(List<ScoredItem> ranked, ProductIndex products, int k,
      Rules rules, String query) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Integer> perCategory = new HashMap<>();
    for (ScoredItem s : ranked) {
      if (out.size() == k) {
        break;
      }
      String id = products.id(s.product());
      if (id.equals(query) || rules.exclude().contains(id)) {
        continue;
      }
      String category = shop.category(id);
      if (rules.category() != null && !rules.category().equals(category)) {
        continue;
      }
      if (rules.inStockOnly() && !shop.inStock(id)) {
        continue;
      }
      if (rules.maxPerCategory() > 0 && category != null) {
        int n = perCategory.merge(category, 1, Integer::sum);
        if (n > rules.maxPerCategory()) {
          continue;
        }
      }
      Map<String, Object> item = shop.describe(id);
      item.put("score", s.score());
      out.add(item);
    }
    return out;
  }

  private static Map<String, Object> response(ServedModel served, List<Map<String, Object>> items,
      boolean fallback) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", items);
    out.put("model", served.name());
    out.put("fallback", fallback);
    return out;
  }

  private String popularReason(String category) {
    return category == null ? "popular in the shop" : "popular in " + category;
  }

  private String relatedReason(Recommender model, int query, int item) {
    CoocModel cooc = cooc(model);
    if (cooc != null) {
      int together = cooc.sessionsTogether(query, item);
      if (together > 0) {
        return String.format(Locale.ROOT, "browsed together in %d session%s", together,
            together == 1 ? "" : "s");
      }
    }
    if (model instanceof EmbeddingModel || model instanceof HybridModel) {
      return "similar to " + shop.name(model.products().id(query));
    }
    if (model instanceof SknnModel) {
      return "browsed in sessions with " + shop.name(model.products().id(query));
    }
    if (model instanceof PopularityModel) {
      return popularReason(shop.category(model.products().id(item)));
    }
    return "related to " + shop.name(model.products().id(query));
  }

  private String nextReason(Recommender model, int last, int item) {
    CoocModel cooc = cooc(model);
    int together = cooc == null ? 0 : cooc.sessionsTogether(last, item);
    if (together > 0) {
      return String.format(Locale.ROOT, "often browsed after %s (%d session%s)",
          shop.name(model.products().id(last)), together, together == 1 ? "" : "s");
    }
    if (model instanceof SknnModel || model instanceof HybridModel) {
      return "browsed in sessions like yours";
    }
    if (model instanceof EmbeddingModel) {
      return "similar to what you browsed";
    }
    return popularReason(shop.category(model.products().id(item)));
  }

  private static CoocModel cooc(Recommender model) {
    if (model instanceof CoocModel) {
      return (CoocModel) model;
    }
    if (model instanceof HybridModel) {
      for (Recommender r : ((HybridModel) model).components()) {
        if (r instanceof CoocModel) {
          return (CoocModel) r;
        }
      }
    }
    return null;
  }
}
