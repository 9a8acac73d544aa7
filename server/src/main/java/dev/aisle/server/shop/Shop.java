package dev.aisle.server.shop;

import com.fasterxml.jackson.core.io.SerializedString;
import dev.aisle.catalog.Catalog;
import dev.aisle.catalog.CatalogReader;
import dev.aisle.corpus.ProductIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shop's catalog as the API shows it: every product of the catalog file (also those no model
 * knows yet) plus every product the models know, with name, category, price, stock and image.
 *
 * <p>Immutable and thread-safe.
 */
public final class Shop {
  private final CatalogReader.Listing listing;
  private final List<String> categories;
  private final ProductCard[] cards;

  private Shop(CatalogReader.Listing listing) {
    this.listing = listing;
    Catalog c = listing.catalog();
    Map<String, SerializedString> shared = new TreeMap<>();
    this.cards = new ProductCard[listing.ids().size()];
    for (int p = 0; p < cards.length; p++) {
      SerializedString category = c.category(p) == null ? null
          : shared.computeIfAbsent(c.category(p), SerializedString::new);
      cards[p] = new ProductCard(listing.ids().get(p), c.name(p), category,
          Float.isNaN(c.price(p)) ? null : Float.toString(c.price(p)),
          c.stock(p) == Catalog.Stock.UNKNOWN ? null : c.stock(p) == Catalog.Stock.IN_STOCK,
          c.image(p) == null ? null : "/" + c.image(p));
    }
    this.categories = List.copyOf(shared.keySet());
  }

  /** A shop from a catalog file, or an empty one for null. */
  public static Shop load(Path catalogFile) {
    if (catalogFile == null) {
      return new Shop(new CatalogReader.Listing(List.of(), Catalog.empty(0), Map.of()));
    }
    return new Shop(new CatalogReader(false).readAll(catalogFile));
  }

  public boolean has(String id) {
    return listing.ordinal(id) >= 0;
  }

  public List<String> categories() {
    return categories;
  }

  /** The product as the API shows it; only its id when the catalog does not list it. */
  public ProductCard card(String id) {
    int p = listing.ordinal(id);
    return p < 0 ? ProductCard.unlisted(id) : cards[p];
  }

  /** The cards of a model's products, by the model's ordinals. */
  public ProductCard[] cards(ProductIndex products) {
    ProductCard[] out = new ProductCard[products.size()];
    for (int p = 0; p < out.length; p++) {
      out[p] = card(products.id(p));
    }
    return out;
  }

  /** The category of a product, or null. */
  public String category(String id) {
    int p = listing.ordinal(id);
    return p < 0 ? null : cards[p].category();
  }

  /** A product's name, or its id when the catalog has none. */
  public String name(String id) {
    int p = listing.ordinal(id);
    return p < 0 ? id : cards[p].name();
  }

  /** A page of products matching a text query and a category, most browsed first. */
  public Map<String, Object> search(String query, String category, int page, int size,
      ProductIndex popularity) {
    String q = query == null ? "" : query.toLowerCase(Locale.ROOT).trim();
    List<String> ids = new ArrayList<>(listing.ids());
    if (ids.isEmpty()) {
      for (int p = 0; p < popularity.size(); p++) {
        ids.add(popularity.id(p));
      }
    }
    List<String> hits = new ArrayList<>();
    for (String id : ids) {
      if (category != null && !category.isEmpty() && !category.equals(category(id))) {
        continue;
      }
      if (!q.isEmpty() && !name(id).toLowerCase(Locale.ROOT).contains(q)
          && !id.toLowerCase(Locale.ROOT).contains(q)) {
        continue;
      }
      hits.add(id);
    }
    hits.sort((a, b) -> Integer.compare(count(popularity, b), count(popularity, a)));
    List<ProductCard> items = new ArrayList<>();
    for (int i = page * size; i < Math.min(hits.size(), (page + 1) * size); i++) {
      items.add(card(hits.get(i)));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", items);
    out.put("total", hits.size());
    out.put("page", page);
    out.put("size", size);
    out.put("categories", categories);
    return out;
  }

  private static int count(ProductIndex popularity, String id) {
    int p = popularity.ordinal(id);
    return p < 0 ? 0 : popularity.count(p);
  }
}
