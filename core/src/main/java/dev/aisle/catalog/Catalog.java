package dev.aisle.catalog;

import java.util.Arrays;
import java.util.Objects;

/**
 * Metadata for the products of a corpus, by product ordinal. Any field may be unknown: {@code
 * null} for text, {@code NaN} for the price, {@link Stock#UNKNOWN} for stock.
 *
 * <p>Immutable and thread-safe.
 */
public final class Catalog {
  /** Whether a product can be bought now. */
  public enum Stock {
    UNKNOWN,
    IN_STOCK,
    OUT_OF_STOCK
  }

  private final String[] names;
  private final String[] categories;
  private final float[] prices;
  private final Stock[] stock;
  private final String[] images;

  private Catalog(String[] names, String[] categories, float[] prices, Stock[] stock,
      String[] images) {
    this.names = names;
    this.categories = categories;
    this.prices = prices;
    this.stock = stock;
    this.images = images;
  }

  /** A catalog that knows nothing about {@code size} products. */
  public static Catalog empty(int size) {
    return new Builder(size).build();
  }

  public int size() {
    return names.length;
  }

  /** True when at least one product has a category. */
  public boolean hasCategories() {
    return Arrays.stream(categories).anyMatch(Objects::nonNull);
  }

  /** True when no product has any metadata. */
  public boolean isEmpty() {
    for (int i = 0; i < size(); i++) {
      if (names[i] != null || categories[i] != null || !Float.isNaN(prices[i])
          || stock[i] != Stock.UNKNOWN || images[i] != null) {
        return false;
      }
    }
    return true;
  }

  public String name(int product) {
    return names[product];
  }

  public String category(int product) {
    return categories[product];
  }

  /** The price, or {@code NaN} when unknown. */
  public float price(int product) {
    return prices[product];
  }

  public Stock stock(int product) {
    return stock[product];
  }

  /** An image path or URL, or null. */
  public String image(int product) {
    return images[product];
  }

  /** Fills a catalog product by product. Not thread-safe. */
  public static final class Builder {
    private final String[] names;
    private final String[] categories;
    private final float[] prices;
    private final Stock[] stock;
    private final String[] images;

    public Builder(int size) {
      names = new String[size];
      categories = new String[size];
      prices = new float[size];
      Arrays.fill(prices, Float.NaN);
      stock = new Stock[size];
      Arrays.fill(stock, Stock.UNKNOWN);
      images = new String[size];
    }

    public Builder name(int product, String name) {
      names[product] = name;
      return this;
    }

    public Builder category(int product, String category) {
      categories[product] = category;
      return this;
    }

    public Builder price(int product, float price) {
      prices[product] = price;
      return this;
    }

    public Builder stock(int product, Stock s) {
      stock[product] = Objects.requireNonNull(s);
      return this;
    }

    public Builder image(int product, String image) {
      images[product] = image;
      return this;
    }

    /** The category set so far, or null. */
    public String category(int product) {
      return categories[product];
    }

    public Catalog build() {
      return new Catalog(names.clone(), categories.clone(), prices.clone(), stock.clone(),
          images.clone());
    }
  }
}
