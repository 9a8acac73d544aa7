package dev.aisle.server.recommend;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.fresh.FreshIndex;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.model.hybrid.HybridModel;
import dev.aisle.model.pop.PopularityModel;
import dev.aisle.model.sknn.SknnModel;
import dev.aisle.server.models.ServedModel;
import dev.aisle.server.shop.ProductCard;
import dev.aisle.server.shop.Shop;
import dev.aisle.server.vectors.UnitVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Merges the completed live sessions of a {@link FreshIndex} into a served model's answers, so
 * products browsed since the model was trained are recommended before the next retrain:
 *
 * <table>
 * <caption>How each kind of model takes the fresh sessions in</caption>
 * <tr><th>model</th><th>a product it does not know</th><th>in the answers for others</th></tr>
 * <tr><td>embedding (item2vec, GloVe, SVD)</td><td>a vector folded in: the mean of the unit
 * vectors of the products it was browsed with, weighted by sessions together; its related
 * products are the nearest to it</td><td>scored by cosine with the query, like the rest</td></tr>
 * <tr><td>pop</td><td>its count</td><td>ranked by training count + fresh count</td></tr>
 * <tr><td>sknn</td><td colspan="2">the votes of its neighbours among the fresh sessions too:
 * a second session-kNN index with the model's options over them ({@link FreshSessionKnn}), its
 * votes added to the model's</td></tr>
 * <tr><td>cooc, hybrid, dense, gru4rec</td><td>the products it was browsed with, by sessions
 * together</td><td>placed before the first answer with less co-browsing evidence (the model's
 * sessions together, if it counts them, plus the fresh ones)</td></tr>
 * </table>
 *
 * Products the model does not know get ordinals from {@code products().size()} up, valid within
 * one answer ({@link Answer#cards}).
 *
 * <p>Thread-safe.
 */
public final class FreshAnswers {
  /** Co-browsed products read from the index per query. */
  private static final int TOGETHER = 200;
  /** New products considered for one answer. */
  private static final int MAX_NEW = 50;

  private final FreshIndex index;
  private final Shop shop;
  private final FreshSessionKnn sknn;

  public FreshAnswers(FreshIndex index, Shop shop) {
    this.index = index;
    this.shop = shop;
    this.sknn = new FreshSessionKnn(index);
  }

  /**
   * A ranked list that may hold products the model does not know.
   *
   * @param cards the card of every ordinal in {@code ranked}
   * @param reasons the reason of every ordinal in {@code ranked}
   */
  public record Answer(List<ScoredItem> ranked, IntFunction<ProductCard> cards,
      IntFunction<String> reasons) {}

  /** The model's related products of {@code query} (a product it knows) with the fresh ones. */
  public Answer related(ServedModel served, int query, List<ScoredItem> ranked,
      IntFunction<String> reasons) {
    String id = served.model().products().id(query);
    if (served.model() instanceof SknnModel model) {
      return withVotes(served, sknn.votes(model, List.of(id)), id, ranked, reasons);
    }
    UnitVectors unit = served.retrieval().vectors().orElse(null);
    return merge(served, query, id, ranked, reasons, unit == null ? null : unit.row(query),
        n -> "browsed together in " + sessions(n) + " since the last training");
  }

  /** The next products after {@code known}, with the fresh ones browsed with the last product. */
  public Answer next(ServedModel served, List<String> session, int[] known, List<ScoredItem> ranked,
      IntFunction<String> reasons) {
    String last = session.get(session.size() - 1);
    if (served.model() instanceof SknnModel model) {
      return withVotes(served, sknn.votes(model, session), null, ranked, reasons);
    }
    int lastOrdinal = served.model().products().ordinal(last);
    float[] query = served.retrieval().vectors().isEmpty() ? null
        : ((EmbeddingModel) served.model()).sessionQuery(known);
    String name = shop.name(last);
    return merge(served, lastOrdinal, last, ranked, reasons, query,
        n -> "often browsed after " + name + " (" + sessions(n) + " since the last training)");
  }

  /**
   * Related products of {@code id}, a product the model does not know, from the sessions it was
   * browsed in; null when it was browsed with nothing yet (the caller falls back to popularity).
   */
  public Answer unknown(ServedModel served, String id, int want) {
    if (served.model() instanceof SknnModel model) {
      Map<String, Float> votes = sknn.votes(model, List.of(id));
      String name = shop.name(id);
      return votes.keySet().stream().allMatch(id::equals) ? null
          : withVotes(served, votes, id, List.of(), p -> "browsed in sessions with " + name);
    }
    List<FreshIndex.Together> together = index.together(id, TOGETHER);
    if (together.isEmpty()) {
      return null;
    }
    ProductIndex products = served.model().products();
    Extras extras = new Extras(served);
    Map<Integer, Integer> sessions = new HashMap<>();
    List<ScoredItem> ranked = new ArrayList<>();
    UnitVectors unit = served.retrieval().vectors().orElse(null);
    float[] folded = unit == null ? null : fold(served, unit, together);
    if (folded != null) {
      ranked.addAll(nearest(unit, folded, Math.min(want, products.size())));
      for (FreshIndex.Together t : together) {
        int p = products.ordinal(t.product());
        if (p < 0 && extras.size() < MAX_NEW) {
          float[] v = fold(served, unit, index.together(t.product(), TOGETHER));
          p = extras.add(t.product());
          ranked.add(new ScoredItem(p, v == null ? 0 : dot(folded, v)));
        }
        sessions.put(p, t.sessions());
      }
      ranked.sort((a, b) -> Float.compare(b.score(), a.score()));
    } else {
      for (FreshIndex.Together t : together) {
        int p = products.ordinal(t.product());
        if (p < 0) {
          if (extras.size() >= MAX_NEW) {
            continue;
          }
          p = extras.add(t.product());
        }
        sessions.put(p, t.sessions());
        ranked.add(new ScoredItem(p, t.sessions()));
      }
    }
    String name = shop.name(id);
    return new Answer(ranked, extras::card, p -> {
      Integer n = sessions.get(p);
      return n != null ? "browsed together in " + sessions(n) + " since the last training"
          : "similar to " + name;
    });
  }

  private Answer merge(ServedModel served, int queryOrdinal, String queryId,
      List<ScoredItem> ranked, IntFunction<String> reasons, float[] vector,
      IntFunction<String> newReason) {
    List<FreshIndex.Together> together = index.together(queryId, TOGETHER);
    ProductIndex products = served.model().products();
    Extras extras = new Extras(served);
    Map<Integer, Integer> newSessions = new HashMap<>();
    List<ScoredItem> fresh = new ArrayList<>();
    for (FreshIndex.Together t : together) {
      if (products.ordinal(t.product()) >= 0 || extras.size() >= MAX_NEW) {
        continue;
      }
      int p = extras.add(t.product());
      newSessions.put(p, t.sessions());
      float score;
      if (vector != null) {
        float[] v = fold(served, served.retrieval().vectors().get(),
            index.together(t.product(), TOGETHER));
        if (v == null) {
          continue;
        }
        score = dot(vector, v);
      } else {
        // the evidence byEvidence compares: a count for popularity, else sessions together
        score = served.model() instanceof PopularityModel ? index.count(t.product())
            : t.sessions();
      }
      fresh.add(new ScoredItem(p, score));
    }
    if (fresh.isEmpty()) {
      return new Answer(ranked, served::card, reasons);
    }
    List<ScoredItem> merged = vector != null ? byScore(ranked, fresh)
        : byEvidence(served, queryOrdinal, together, ranked, fresh);
    return new Answer(merged, extras::card, p -> p < products.size() ? reasons.apply(p)
        : newReason.apply(newSessions.get(p)));
  }

  /**
   * The model's ranked products with the fresh session-kNN votes added (the same formula over
   * other sessions: the same scale), and the products only the fresh sessions vote for.
   *
   * @param query a product not to recommend for itself, or null
   */
  private Answer withVotes(ServedModel served, Map<String, Float> votes, String query,
      List<ScoredItem> ranked, IntFunction<String> reasons) {
    if (votes.isEmpty()) {
      return new Answer(ranked, served::card, reasons);
    }
    Map<String, Float> left = new HashMap<>(votes);
    if (query != null) {
      left.remove(query);
    }
    ProductIndex products = served.model().products();
    Extras extras = new Extras(served);
    List<ScoredItem> out = new ArrayList<>(ranked.size() + left.size());
    for (ScoredItem s : ranked) {
      Float v = left.remove(products.id(s.product()));
      out.add(v == null ? s : new ScoredItem(s.product(), s.score() + v));
    }
    List<Map.Entry<String, Float>> rest = new ArrayList<>(left.entrySet());
    rest.sort((a, b) -> Float.compare(b.getValue(), a.getValue()));
    for (Map.Entry<String, Float> e : rest) {
      int p = products.ordinal(e.getKey());
      if (p < 0) {
        if (extras.size() >= MAX_NEW) {
          continue;
        }
        p = extras.add(e.getKey());
      }
      out.add(new ScoredItem(p, e.getValue()));
    }
    out.sort((a, b) -> Float.compare(b.score(), a.score()));
    return new Answer(out, extras::card, p -> p < products.size() ? reasons.apply(p)
        : "browsed in sessions like this since the last training");
  }

  /** Both lists by score (the fresh scores are on the model's scale: cosines). */
  private static List<ScoredItem> byScore(List<ScoredItem> ranked, List<ScoredItem> fresh) {
    List<ScoredItem> out = new ArrayList<>(ranked.size() + fresh.size());
    out.addAll(ranked);
    out.addAll(fresh);
    out.sort((a, b) -> Float.compare(b.score(), a.score()));
    return out;
  }

  /**
   * Each fresh product before the first ranked one with less co-browsing evidence: popularity
   * compares counts, other models sessions together with the query.
   */
  private List<ScoredItem> byEvidence(ServedModel served, int query,
      List<FreshIndex.Together> together, List<ScoredItem> ranked, List<ScoredItem> fresh) {
    ProductIndex products = served.model().products();
    boolean pop = served.model() instanceof PopularityModel;
    CoocModel cooc = query < 0 ? null : cooc(served.model());
    Map<String, Integer> freshTogether = new HashMap<>();
    for (FreshIndex.Together t : together) {
      freshTogether.put(t.product(), t.sessions());
    }
    double[] evidence = new double[ranked.size()];
    for (int i = 0; i < ranked.size(); i++) {
      int p = ranked.get(i).product();
      String id = products.id(p);
      evidence[i] = pop ? products.count(p) + index.count(id)
          : freshTogether.getOrDefault(id, 0) + (cooc == null ? 0 : cooc.sessionsTogether(query, p));
    }
    List<ScoredItem> out = new ArrayList<>(ranked.size() + fresh.size());
    List<ScoredItem> waiting = new ArrayList<>(fresh);
    waiting.sort((a, b) -> Float.compare(b.score(), a.score()));
    int w = 0;
    for (int i = 0; i < ranked.size(); i++) {
      while (w < waiting.size()) {
        ScoredItem x = waiting.get(w);
        if (!(x.score() > evidence[i])) {
          break;
        }
        out.add(new ScoredItem(x.product(), ranked.get(i).score()));
        w++;
      }
      out.add(ranked.get(i));
    }
    float lastScore = ranked.isEmpty() ? 0 : ranked.get(ranked.size() - 1).score();
    for (; w < waiting.size(); w++) {
      out.add(new ScoredItem(waiting.get(w).product(), lastScore));
    }
    return out;
  }

  /** The fold-in vector of a product from the ones it was browsed with, or null. */
  private static float[] fold(ServedModel served, UnitVectors unit,
      List<FreshIndex.Together> together) {
    ProductIndex products = served.model().products();
    int dim = unit.dim();
    float[] v = new float[dim];
    boolean any = false;
    for (FreshIndex.Together t : together) {
      int p = products.ordinal(t.product());
      if (p < 0) {
        continue;
      }
      any = true;
      float[] row = unit.row(p);
      for (int i = 0; i < dim; i++) {
        v[i] += t.sessions() * row[i];
      }
    }
    if (!any) {
      return null;
    }
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < dim; i++) {
      v[i] *= inv;
    }
    return v;
  }

  /**
   * The {@code k} products nearest to a folded-in vector, exactly: one scan of the unit vectors,
   * for the rare question about a product the model does not know.
   */
  private static List<ScoredItem> nearest(UnitVectors unit, float[] query, int k) {
    float[] scores = new float[unit.size()];
    for (int p = 0; p < scores.length; p++) {
      scores[p] = unit.dot(p, query);
    }
    return TopK.select(scores, k, null);
  }

  /** The co-occurrence counts a model keeps (cooc, or hybrid's cooc part), or null. */
  private static CoocModel cooc(Recommender model) {
    if (model instanceof CoocModel c) {
      return c;
    }
    if (model instanceof HybridModel h) {
      for (Recommender r : h.components()) {
        if (r instanceof CoocModel c) {
          return c;
        }
      }
    }
    return null;
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static String sessions(int n) {
    return n == 1 ? "1 session" : n + " sessions";
  }

  /** The cards of one answer: the model's, then the products it does not know. */
  private final class Extras {
    private final ServedModel served;
    private final List<ProductCard> cards = new ArrayList<>();

    Extras(ServedModel served) {
      this.served = served;
    }

    int size() {
      return cards.size();
    }

    int add(String id) {
      cards.add(shop.card(id));
      return served.model().products().size() + cards.size() - 1;
    }

    ProductCard card(int p) {
      int n = served.model().products().size();
      return p < n ? served.card(p) : cards.get(p - n);
    }
  }
}
