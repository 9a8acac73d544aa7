package dev.aisle.catalog;

import dev.aisle.BadInputException;
import dev.aisle.ingest.DelimitedLine;
import dev.aisle.ingest.LineSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Reads a product catalog: delimited text with a header, the delimiter ({@code ,} {@code ;} or tab)
 * taken from the header line. Columns are found by name, ignoring case and separators:
 *
 * <table>
 *   <caption>Recognised column names</caption>
 *   <tr><th>field</th><th>names</th></tr>
 *   <tr><td>id (required)</td><td>id, product_id, item_id, itemId, product, item, aid</td></tr>
 *   <tr><td>name</td><td>name, title, product_name</td></tr>
 *   <tr><td>category</td><td>category, category_id, categoryId, category_name</td></tr>
 *   <tr><td>price</td><td>price</td></tr>
 *   <tr><td>in stock</td><td>in_stock, instock, available, stock (true/false, yes/no, 1/0)</td></tr>
 *   <tr><td>image</td><td>image, image_url, img</td></tr>
 * </table>
 *
 * Rows for products the corpus does not have are counted and dropped; malformed rows are counted
 * with their {@code FILE:LINE} (or throw under strict mode).
 */
public final class CatalogReader {
  private static final String[][] NAMES = {
    {"id", "productid", "itemid", "product", "item", "aid"},
    {"name", "title", "productname"},
    {"category", "categoryid", "categoryname"},
    {"price"},
    {"instock", "available", "stock"},
    {"image", "imageurl", "img"}
  };
  private static final int ID = 0;
  private static final int NAME = 1;
  private static final int CATEGORY = 2;
  private static final int PRICE = 3;
  private static final int STOCK = 4;
  private static final int IMAGE = 5;

  private final boolean strict;
  private final Map<String, Long> skipped = new LinkedHashMap<>();
  private final List<String> examples = new ArrayList<>();
  private long rows;
  private long matched;

  public CatalogReader(boolean strict) {
    this.strict = strict;
  }

  /**
   * Reads {@code file} into a catalog for {@code size} products.
   *
   * @param ordinal the product ordinal of an id, or -1 for a product the corpus does not have
   */
  public Catalog read(Path file, int size, ToIntFunction<String> ordinal) {
    return read(file, new Catalog.Builder(size), ordinal);
  }

  /** Every product of a catalog file, with ids by ordinal in file order. */
  public record Listing(List<String> ids, Catalog catalog, Map<String, Integer> ordinals) {
    /** The ordinal of an id, or -1. */
    public int ordinal(String id) {
      return ordinals.getOrDefault(id, -1);
    }
  }

  /**
   * Reads every product of {@code file}, not only those of a corpus: the shop's whole catalog, as
   * a server needs it for products no model knows yet. A repeated id keeps its last row.
   */
  public Listing readAll(Path file) {
    long lines;
    try (java.util.stream.Stream<String> s = java.nio.file.Files.lines(file)) {
      lines = s.count();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage());
    }
    List<String> ids = new ArrayList<>();
    Map<String, Integer> ordinals = new java.util.HashMap<>();
    Catalog.Builder builder = new Catalog.Builder((int) Math.max(0, lines - 1));
    Catalog all = read(file, builder, id -> ordinals.computeIfAbsent(id, k -> {
      ids.add(k);
      return ids.size() - 1;
    }));
    Catalog.Builder trimmed = new Catalog.Builder(ids.size());
    for (int p = 0; p < ids.size(); p++) {
      trimmed.name(p, all.name(p)).category(p, all.category(p)).price(p, all.price(p))
          .stock(p, all.stock(p)).image(p, all.image(p));
    }
    return new Listing(List.copyOf(ids), trimmed.build(), Map.copyOf(ordinals));
  }

  /** Reads {@code file} on top of what {@code builder} already holds. */
  public Catalog read(Path file, Catalog.Builder builder, ToIntFunction<String> ordinal) {
    try (LineSource lines = LineSource.open(file, null)) {
      if (!lines.next()) {
        throw new BadInputException(file + ": empty catalog file");
      }
      byte[] b = lines.buffer();
      byte delim = detectDelimiter(b, lines.start(), lines.end());
      int count = DelimitedLine.count(b, lines.start(), lines.end(), delim);
      int[] starts = new int[count];
      int[] ends = new int[count];
      int n = DelimitedLine.split(b, lines.start(), lines.end(), delim, starts, ends);
      int[] col = new int[NAMES.length];
      java.util.Arrays.fill(col, -1);
      List<String> header = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String h = new String(b, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
        header.add(h.trim());
        String norm = DelimitedLine.normalizeName(h);
        for (int f = 0; f < NAMES.length; f++) {
          if (col[f] < 0 && List.of(NAMES[f]).contains(norm)) {
            col[f] = i;
          }
        }
      }
      if (col[ID] < 0) {
        throw new BadInputException(file + ":1: catalog has no product id column (id, "
            + "product_id, item_id, ...); the header has: " + String.join(", ", header));
      }
      int max = 0;
      for (int c : col) {
        max = Math.max(max, c);
      }
      starts = new int[max + 1];
      ends = new int[max + 1];
      while (lines.next()) {
        if (lines.start() == lines.end()) {
          continue;
        }
        rows++;
        b = lines.buffer();
        int k = DelimitedLine.split(b, lines.start(), lines.end(), delim, starts, ends);
        if (k == DelimitedLine.UNTERMINATED_QUOTE) {
          skip(file, lines.lineNumber(), "unterminated quote", null);
          continue;
        }
        if (k <= max) {
          skip(file, lines.lineNumber(), "missing field", header.get(Math.max(0, k)));
          continue;
        }
        if (!DelimitedLine.isUtf8(b, lines.start(), lines.end())) {
          skip(file, lines.lineNumber(), "invalid UTF-8", null);
          continue;
        }
        String id = text(b, starts, ends, col[ID]);
        if (id == null) {
          skip(file, lines.lineNumber(), "empty id", header.get(col[ID]));
          continue;
        }
        int p = ordinal.applyAsInt(id);
        if (p < 0) {
          skipped.merge("product not in corpus", 1L, Long::sum);
          continue;
        }
        float price = Float.NaN;
        String priceText = text(b, starts, ends, col[PRICE]);
        if (priceText != null) {
          try {
            price = Float.parseFloat(priceText);
          } catch (NumberFormatException e) {
            price = -1;
          }
          if (!(price >= 0) || Float.isInfinite(price)) {
            skip(file, lines.lineNumber(), "bad price", header.get(col[PRICE]));
            continue;
          }
        }
        Catalog.Stock stock = Catalog.Stock.UNKNOWN;
        String stockText = text(b, starts, ends, col[STOCK]);
        if (stockText != null) {
          stock = parseStock(stockText);
          if (stock == null) {
            skip(file, lines.lineNumber(), "bad in-stock value", header.get(col[STOCK]));
            continue;
          }
        }
        matched++;
        String name = text(b, starts, ends, col[NAME]);
        String category = text(b, starts, ends, col[CATEGORY]);
        String image = text(b, starts, ends, col[IMAGE]);
        if (name != null) {
          builder.name(p, name);
        }
        if (category != null) {
          builder.category(p, category);
        }
        if (!Float.isNaN(price)) {
          builder.price(p, price);
        }
        builder.stock(p, stock);
        if (image != null) {
          builder.image(p, image);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return builder.build();
  }

  /** Data rows read. */
  public long rows() {
    return rows;
  }

  /** Rows that described a product of the corpus. */
  public long matched() {
    return matched;
  }

  /** Skipped rows by reason. */
  public Map<String, Long> skipped() {
    return skipped;
  }

  /** The first malformed rows as {@code FILE:LINE: reason (field)}. */
  public List<String> examples() {
    return examples;
  }

  private void skip(Path file, long line, String reason, String field) {
    String msg = String.format(Locale.ROOT, "%s:%d: %s", file, line, reason)
        + (field == null ? "" : " (" + field + ")");
    if (strict) {
      throw new BadInputException(msg);
    }
    skipped.merge(reason, 1L, Long::sum);
    if (examples.size() < 10) {
      examples.add(msg);
    }
  }

  private static String text(byte[] b, int[] starts, int[] ends, int col) {
    if (col < 0) {
      return null;
    }
    int s = DelimitedLine.trimStart(b, starts[col], ends[col]);
    int e = DelimitedLine.trimEnd(b, s, ends[col]);
    return s == e ? null : new String(b, s, e - s, StandardCharsets.UTF_8);
  }

  private static Catalog.Stock parseStock(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "true": case "yes": case "y": case "1": case "in_stock": case "instock":
        return Catalog.Stock.IN_STOCK;
      case "false": case "no": case "n": case "0": case "out_of_stock": case "outofstock":
        return Catalog.Stock.OUT_OF_STOCK;
      default:
        return null;
    }
  }

  private static byte detectDelimiter(byte[] b, int start, int end) {
    int comma = 0;
    int semi = 0;
    int tab = 0;
    for (int i = start; i < end; i++) {
      if (b[i] == ',') {
        comma++;
      } else if (b[i] == ';') {
        semi++;
      } else if (b[i] == '\t') {
        tab++;
      }
    }
    if (tab >= comma && tab >= semi && tab > 0) {
      return '\t';
    }
    return semi > comma ? (byte) ';' : (byte) ',';
  }
}
