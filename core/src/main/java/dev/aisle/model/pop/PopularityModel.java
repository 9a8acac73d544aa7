package dev.aisle.model.pop;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.Explainer;
import dev.aisle.model.ProductLabels;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a product by how often it was browsed in training. With categories, products of the
 * query's category (the product's own, or the session's last product's) score above all others.
 *
 * <p>Immutable and thread-safe.
 */
public final class PopularityModel implements Recommender {
  private final ProductIndex products;
  private final PopularityOptions options;
  /** Category index of each product, -1 for none. */
  private final int[] category;
  private final float[] popularity;
  /** The products of each category index, by ordinal (most popular first). */
  private final int[][] members;
  /** Whether counts fall with the ordinal and stay below float's exact integers, as they do. */
  private final boolean ordered;

  private PopularityModel(ProductIndex products, PopularityOptions options, int[] category) {
    this.products = products;
    this.options = options;
    this.category = category;
    this.popularity = new float[products.size()];
    for (int p = 0; p < popularity.length; p++) {
      popularity[p] = products.count(p);
    }
    boolean falling = popularity.length == 0 || popularity[0] < 1 << 24;
    for (int p = 1; p < popularity.length; p++) {
      falling &= popularity[p] <= popularity[p - 1];
    }
    ordered = falling;
    int categories = 0;
    for (int c : category) {
      categories = Math.max(categories, c + 1);
    }
    int[] sizes = new int[categories];
    for (int c : category) {
      if (c >= 0) {
        sizes[c]++;
      }
    }
    members = new int[categories][];
    for (int c = 0; c < categories; c++) {
      members[c] = new int[sizes[c]];
    }
    int[] fill = new int[categories];
    for (int p = 0; p < category.length; p++) {
      if (category[p] >= 0) {
        members[category[p]][fill[category[p]]++] = p;
      }
    }
  }

  /** Counts browses in {@code corpus}; categories come from its catalog. */
  public static PopularityModel train(Corpus corpus, PopularityOptions options) {
    int n = corpus.products().size();
    int[] category = new int[n];
    Map<String, Integer> ids = new HashMap<>();
    for (int p = 0; p < n; p++) {
      String c = corpus.catalog().category(p);
      category[p] = c == null ? -1 : ids.computeIfAbsent(c, k -> ids.size());
    }
    return new PopularityModel(corpus.products(), options, category);
  }

  @Override
  public String algorithm() {
    return "pop";
  }

  /** "popular in Cushions", for both questions. */
  @Override
  public Explainer explainer(ProductLabels labels) {
    return Explainer.popular(labels);
  }

  @Override
  public ProductIndex products() {
    return products;
  }

  /** The training browse count of each product, by ordinal (the live array: do not modify). */
  public float[] popularity() {
    return popularity;
  }

  @Override
  public void scoreNext(int[] session, float[] scores) {
    scoreRelated(session[session.length - 1], scores);
  }

  @Override
  public void scoreRelated(int product, float[] scores) {
    for (int p = 0; p < scores.length; p++) {
      scores[p] = score(product, p);
    }
  }

  /** The score {@link #scoreRelated} gives {@code product} for the query {@code query}. */
  public float score(int query, int product) {
    int c = options.byCategory() ? category[query] : -1;
    return c >= 0 && category[product] == c ? popularity[product] + (1 + popularity[0])
        : popularity[product];
  }

  @Override
  public List<ScoredItem> topNext(int[] session, int k) {
    return topRelated(session[session.length - 1], k);
  }

  /**
   * The first products of the query's category by ordinal, then the first others: what {@link
   * TopK} picks from {@link #scoreRelated}, as ordinals go by popularity and the category's boost
   * lifts its products over all others, without scoring every product (by scoring all when
   * counts do not fall with the ordinal).
   */
  @Override
  public List<ScoredItem> topRelated(int product, int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    if (!ordered) {
      return Recommender.super.topRelated(product, k);
    }
    int want = Math.min(k, popularity.length);
    int c = options.byCategory() ? category[product] : -1;
    List<ScoredItem> out = new ArrayList<>(want);
    int[] first = c >= 0 ? members[c] : new int[0];
    for (int i = 0; i < first.length && out.size() < want; i++) {
      out.add(new ScoredItem(first[i], score(product, first[i])));
    }
    for (int p = 0; p < popularity.length && out.size() < want; p++) {
      if (c < 0 || category[p] != c) {
        out.add(new ScoredItem(p, popularity[p]));
      }
    }
    return out;
  }

  @Override
  public void write(BinaryWriter out) {
    out.writeByte(options.byCategory() ? 1 : 0);
    for (int c : category) {
      out.writeVarInt(c + 1);
    }
  }

  /** Reads what {@link #write} wrote. */
  public static PopularityModel read(BinaryReader in, ProductIndex products) {
    PopularityOptions options = new PopularityOptions(in.readByte() == 1);
    int[] category = new int[products.size()];
    for (int p = 0; p < category.length; p++) {
      category[p] = in.readVarInt() - 1;
    }
    return new PopularityModel(products, options, category);
  }
}
