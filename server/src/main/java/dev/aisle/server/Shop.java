package dev.aisle.server;

import dev.aisle.catalog.Catalog;
import dev.aisle.catalog.CatalogReader;
import dev.aisle.corpus.ProductIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The shop's catalog as the API shows it: every product of the catalog file (also those no model
 * knows yet) plus every product the models know, with name, category, price, stock and image.
 *
 * <p>Immutable and thread-safe.
 */
final class Shop {
  private final CatalogReader.Listing listing;
  private final List<String> categories;

  private Shop(CatalogReader.Listing listing) {
    this.listing = listing;
    TreeSet<String> c = new TreeSet<>();
    for (int p = 0; p < listing.ids().size(); p++) {
      if (listing.catalog().category(p) != null) {
        c.add(listing.catalog().category(p));
      }
    }
    this.categories = List.copyOf(c);
  }

  /** A shop from a catalog file, or an empty one for null. */
  static Shop load(Path catalogFile) {
    if (catalogFile == null) {
      return new Shop(new CatalogReader.Listing(List.of(), Catalog.empty(0), Map.of()));
    }
    return new Shop(new CatalogReader(false).readAll(catalogFile));
  }

  boolean has(String id) {
    return listing.ordinal(id) >= 0;
  }

  List<String> categories() {
    return categories;
  }

  /** The category of a product, or null. */
  String category(String id) {
    int p = listing.ordinal(id);
    return p < 0 ? null : listing.catalog().category(p);
  }

  /** False only when the catalog says the product is out of stock. */
  boolean inStock(String id) {
    int p = listing.ordinal(id);
    return p < 0 || listing.catalog().stock(p) != Catalog.Stock.OUT_OF_STOCK;
  }

  /** A product's name, or its id when the catalog has none. */
  String name(String id) {
    int p = listing.ordinal(id);
    String n = p < 0 ? null : listing.catalog().name(p);
    return n == null ? id : n;
  }

  /** The product as JSON fields: id, name, category, price, inStock, image (known ones only). */
  Map<String, Object> describe(String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    int p = listing.ordinal(id);
    if (p < 0) {
      return m;
    }
    Catalog c = listing.catalog();
    putIfKnown(m, "name", c.name(p));
    putIfKnown(m, "category", c.category(p));
    if (!Float.isNaN(c.price(p))) {
      m.put("price", c.price(p));
    }
    if (c.stock(p) != Catalog.Stock.UNKNOWN) {
      m.put("inStock", c.stock(p) == Catalog.Stock.IN_STOCK);
    }
    putIfKnown(m, "image", c.image(p) == null ? null : "/" + c.image(p));
    return m;
  }

  private static void putIfKnown(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  /** A page of products matching a text query and a category, most browsed first. */
  Map<String, Object> search(String query, String category, int page, int size,
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
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = page * size; i < Math.min(hits.size(), (page + 1) * size); i++) {
      items.add(describe(hits.get(i)));
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
