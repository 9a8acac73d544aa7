package dev.aisle.server.recommend;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.model.Explainer;
import dev.aisle.model.ScoredItem;
import dev.aisle.search.Filters;
import dev.aisle.search.Hit;
import dev.aisle.search.SearchBackend;
import dev.aisle.server.models.ServedModel;
import dev.aisle.server.request.Rules;
import dev.aisle.server.shop.ProductCard;
import dev.aisle.server.shop.Shop;
import dev.aisle.server.vectors.Demand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Answers "customers also browsed" and "next for this session" with a served model: candidates
 * from the model's {@link dev.aisle.server.vectors.Retrieval} or from a search engine that holds
 * its export, business rules, popularity fallback for products the model does not know, and a
 * reason for every item from the model's {@link Explainer}.
 *
 * <p>Thread-safe.
 */
public final class RecommendationService {
  private final Shop shop;
  private final EngineBackends engines;
  private final FreshAnswers fresh;

  /** @param fresh completed live sessions merged into every answer, or null for none */
  public RecommendationService(Shop shop, EngineBackends engines, FreshAnswers fresh) {
    this.shop = shop;
    this.engines = engines;
    this.fresh = fresh;
  }

  /** Products related to {@code productId}. */
  public Recommendations related(ServedModel served, String productId, int k, Rules rules) {
    ProductIndex products = served.model().products();
    int p = products.ordinal(productId);
    SearchBackend engine = p < 0 ? null : engines.of(served);
    Demand demand = demand(k, rules);
    List<ScoredItem> ranked;
    IntFunction<String> reasons;
    IntFunction<ProductCard> cards = served::card;
    FreshAnswers.Answer unknown = p < 0 && fresh != null
        ? fresh.unknown(served, productId, demand.candidates()) : null;
    if (unknown != null) {
      ranked = unknown.ranked();
      reasons = unknown.reasons();
      cards = unknown.cards();
    } else if (p < 0) {
      String category = shop.category(productId);
      ranked = popular(served, category, demand.candidates());
      String reason = Explainer.popularIn(category);
      reasons = item -> reason;
    } else {
      ranked = engine != null
          ? ordinals(engine.related(productId, engineCandidates(k, rules), rules.filters()),
              products)
          : served.retrieval().related(p, demand);
      Explainer why = served.model().explainer(served);
      reasons = item -> why.related(p, item);
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
  public Recommendations next(ServedModel served, List<String> session, int k, Rules rules) {
    ProductIndex products = served.model().products();
    int[] known = session.stream().mapToInt(products::ordinal).filter(p -> p >= 0).toArray();
    boolean fallback = known.length == 0;
    SearchBackend engine = fallback ? null : engines.of(served);
    Demand demand = demand(k, rules);
    List<ScoredItem> ranked;
    IntFunction<String> reasons;
    IntFunction<ProductCard> cards = served::card;
    FreshAnswers.Answer unknown = fallback && fresh != null && !session.isEmpty()
        ? fresh.unknown(served, session.get(session.size() - 1), demand.candidates()) : null;
    if (unknown != null) {
      ranked = unknown.ranked();
      reasons = unknown.reasons();
      cards = unknown.cards();
    } else if (fallback) {
      String category = session.isEmpty() ? null : shop.category(session.get(session.size() - 1));
      ranked = popular(served, category, Math.min(products.size(), demand.candidates()));
      String reason = Explainer.popularIn(category);
      reasons = item -> reason;
    } else {
      ranked = engine != null
          ? ordinals(engine.next(session, engineCandidates(k, rules), rules.filters()), products)
          : served.retrieval().next(known, demand);
      Explainer why = served.model().explainer(served);
      int last = known[known.length - 1];
      reasons = item -> why.next(last, item);
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

  private static Demand demand(int k, Rules rules) {
    return new Demand(k, rules.filters().exclude().size(), rules.filtering());
  }

  /**
   * How many items to ask a search engine for: it applies exclude, category and stock itself,
   * so k, unless a per-category limit drops some here.
   */
  private static int engineCandidates(int k, Rules rules) {
    return rules.maxPerCategory() > 0 ? k * 20 : k;
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
    Filters filters = rules.filters();
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
      if (!filters.exclude().isEmpty() && filters.exclude().contains(card.id())) {
        continue;
      }
      String category = card.category();
      if (filters.category() != null && !filters.category().equals(category)) {
        continue;
      }
      if (filters.inStockOnly() && !card.inStock()) {
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
}
