package dev.aisle.model.pop;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.Explainer;
import dev.aisle.model.ProductLabels;
import dev.aisle.model.Recommender;
import java.util.HashMap;
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

  private PopularityModel(ProductIndex products, PopularityOptions options, int[] category) {
    this.products = products;
    this.options = options;
    this.category = category;
    this.popularity = new float[products.size()];
    for (int p = 0; p < popularity.length; p++) {
      popularity[p] = products.count(p);
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
    int c = options.byCategory() ? category[product] : -1;
    float boost = c < 0 ? 0 : 1 + popularity[0];
    for (int p = 0; p < scores.length; p++) {
      scores[p] = popularity[p] + (c >= 0 && category[p] == c ? boost : 0);
    }
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
