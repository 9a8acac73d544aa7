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
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Answers "customers also browsed" and "next for this session" with a served model: scores (exact
 * scans, precomputed neighbour lists, or HNSW candidates for large embedding models), business
 * rules, popularity fallback for products the model does not know, and a reason for every item
 * grounded in the data.
 *
 * <p>Thread-safe.
 */
final class RecommendationService {
  private final Shop shop;
  private final EngineBackends engines;
  private final FreshAnswers fresh;

  /** @param fresh completed live sessions merged into every answer, or null for none */
  RecommendationService(Shop shop, EngineBackends engines, FreshAnswers fresh) {
    this.shop = shop;
    this.engines = engines;
    this.fresh = fresh;
  }

  /** Products related to {@code productId}. */
  Recommendations related(ServedModel served, String productId, int k, Rules rules) {
    Recommender model = served.model();
    ProductIndex products = model.products();
    int p = products.ordinal(productId);
    SearchBackend engine = p < 0 ? null : engines.of(served);
    int want = candidates(k, rules);
    List<ScoredItem> ranked;
    IntFunction<String> reasons;
    IntFunction<ProductCard> cards = served::card;
    FreshAnswers.Answer unknown = p < 0 && fresh != null
        ? fresh.unknown(served, productId, want) : null;
    if (unknown != null) {
      ranked = unknown.ranked();
      reasons = unknown.reasons();
      cards = unknown.cards();
    } else if (p < 0) {
      String category = shop.category(productId);
      ranked = popular(served, category, want);
      String reason = popularReason(category);
      reasons = item -> reason;
    } else {
      if (engine != null) {
        ranked = ordinals(engine.related(productId, engineCandidates(k, rules), filters(rules)),
            products);
      } else if (served.neighbours() != null && want <= served.neighbours().length()) {
        ranked = served.neighbours().nearest(p, want);
      } else if (served.ann() != null) {
        float[] q = new float[served.dim()];
        System.arraycopy(served.unit(), p * served.dim(), q, 0, served.dim());
        ranked = served.ann().search(q, Math.min(products.size(),
            k * 4 + rules.exclude().size() + 1), 100);
      } else {
        float[] scores = new float[products.size()];
        model.scoreRelated(p, scores);
        ranked = TopK.select(scores, Math.min(products.size(), want), null);
      }
      reasons = relatedReasons(served, p);
      if (fresh != null) {
        FreshAnswers.Answer merged = fresh.related(served, p, ranked, reasons);
        ranked = merged.ranked();
        reasons = merged.reasons();
        cards = merged.cards();
      }
    }
    return new Recommendations(apply(ranked, cards, k, rules, p, reasons),
        served.name(), p < 0 && unknown == null, engine == null ? null : engine.uri().toString(),
        null, null);
  }

  /** The next products for a session of product ids, oldest first. */
  Recommendations next(ServedModel served, List<String> session, int k, Rules rules) {
    Recommender model = served.model();
    ProductIndex products = model.products();
    int[] known = session.stream().mapToInt(products::ordinal).filter(p -> p >= 0).toArray();
    boolean fallback = known.length == 0;
    SearchBackend engine = fallback ? null : engines.of(served);
    int want = Math.min(products.size(), candidates(k, rules));
    List<ScoredItem> ranked;
    IntFunction<String> reasons;
    IntFunction<ProductCard> cards = served::card;
    FreshAnswers.Answer unknown = fallback && fresh != null && !session.isEmpty()
        ? fresh.unknown(served, session.get(session.size() - 1), want) : null;
    if (unknown != null) {
      ranked = unknown.ranked();
      reasons = unknown.reasons();
      cards = unknown.cards();
    } else if (fallback) {
      String category = session.isEmpty() ? null : shop.category(session.get(session.size() - 1));
      ranked = popular(served, category, want);
      String reason = popularReason(category);
      reasons = item -> reason;
    } else {
      if (engine != null) {
        ranked = ordinals(engine.next(session, engineCandidates(k, rules), filters(rules)),
            products);
      } else if (served.unit() != null) {
        ranked = served.nearest(((EmbeddingModel) model).sessionQuery(known), want);
      } else {
        float[] scores = new float[products.size()];
        model.scoreNext(known, scores);
        ranked = TopK.select(scores, want, null);
      }
      reasons = nextReasons(served, known[known.length - 1]);
      if (fresh != null) {
        FreshAnswers.Answer merged = fresh.next(served, session, known, ranked, reasons);
        ranked = merged.ranked();
        reasons = merged.reasons();
        cards = merged.cards();
      }
    }
    return new Recommendations(apply(ranked, cards, k, rules, -1, reasons), served.name(),
        fallback && unknown == null, engine == null ? null : engine.uri().toString(), session,
        null);
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

  private static int candidates(int k, Rules rules) {
    boolean filtering = rules.category() != null || rules.inStockOnly()
        || rules.maxPerCategory() > 0;
    return (filtering ? k * 20 : k + 1) + rules.exclude().size();
  }

  /**
   * The {@code want} most popular products, those of {@code category} first: ordinals run in
   * order of popularity, so this walks them from the front instead of sorting.
   */
  private static List<ScoredItem> popular(ServedModel served, String category, int want) {
    ProductIndex products = served.model().products();
    int n = Math.min(want, products.size());
    List<ScoredItem> out = new ArrayList<>(n);
    float bonus = products.size() == 0 ? 0 : products.count(0) + 1;
    if (category != null) {
      for (int p = 0; p < products.size() && out.size() < n; p++) {
        if (category.equals(served.card(p).category())) {
          out.add(new ScoredItem(p, products.count(p) + bonus));
        }
      }
    }
    for (int p = 0; p < products.size() && out.size() < n; p++) {
      if (category == null || !category.equals(served.card(p).category())) {
        out.add(new ScoredItem(p, products.count(p)));
      }
    }
    return out;
  }

  /** The first {@code k} ranked products that pass the rules, never {@code query}. */
  private static List<Recommendations.Item> apply(List<ScoredItem> ranked,
      IntFunction<ProductCard> cards, int k, Rules rules, int query,
      IntFunction<String> reasons) {
    List<Recommendations.Item> out = new ArrayList<>(k);
    Map<String, Integer> perCategory = new HashMap<>();
    for (ScoredItem s : ranked) {
      if (out.size() == k) {
        break;
      }
      if (s.product() == query) {
        continue;
      }
      ProductCard card = cards.apply(s.product());
      if (!rules.exclude().isEmpty() && rules.exclude().contains(card.id())) {
        continue;
      }
      String category = card.category();
      if (rules.category() != null && !rules.category().equals(category)) {
        continue;
      }
      if (rules.inStockOnly() && !card.inStock()) {
        continue;
      }
      if (rules.maxPerCategory() > 0 && category != null) {
        int n = perCategory.merge(category, 1, Integer::sum);
        if (n > rules.maxPerCategory()) {
          continue;
        }
      }
      out.add(new Recommendations.Item(card, s.score(), reasons.apply(s.product())));
    }
    return out;
  }

  private static String popularReason(String category) {
    return category == null ? "popular in the shop" : "popular in " + category;
  }

  /** Why each product is related to {@code query}: sessions together, else the model's kind. */
  private static IntFunction<String> relatedReasons(ServedModel served, int query) {
    Recommender model = served.model();
    String name = served.card(query).name();
    String otherwise;
    if (model instanceof EmbeddingModel || model instanceof HybridModel) {
      otherwise = "similar to " + name;
    } else if (model instanceof SknnModel) {
      otherwise = "browsed in sessions with " + name;
    } else if (model instanceof PopularityModel) {
      return item -> popularReason(served.card(item).category());
    } else {
      otherwise = "related to " + name;
    }
    CoocModel cooc = cooc(model);
    if (cooc == null) {
      return item -> otherwise;
    }
    return item -> {
      int together = cooc.sessionsTogether(query, item);
      return together > 0 ? "browsed together in " + sessions(together) : otherwise;
    };
  }

  /** Why each product would come next after a session that ended with {@code last}. */
  private static IntFunction<String> nextReasons(ServedModel served, int last) {
    Recommender model = served.model();
    CoocModel cooc = cooc(model);
    String otherwise = model instanceof SknnModel || model instanceof HybridModel
        ? "browsed in sessions like yours"
        : model instanceof EmbeddingModel ? "similar to what you browsed" : null;
    String name = served.card(last).name();
    return item -> {
      int together = cooc == null ? 0 : cooc.sessionsTogether(last, item);
      if (together > 0) {
        return "often browsed after " + name + " (" + sessions(together) + ")";
      }
      return otherwise != null ? otherwise
          : popularReason(served.card(item).category());
    };
  }

  private static String sessions(int n) {
    return n == 1 ? "1 session" : n + " sessions";
  }

  static CoocModel cooc(Recommender model) {
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
