package dev.aisle.generate;

import dev.aisle.format.AtomicOutput;

import dev.aisle.generate.HomeFashion.Category;
import dev.aisle.generate.HomeFashion.Placement;
import dev.aisle.generate.HomeFashion.Style;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The products of a synthetic home-fashion shop. Each product has a category (sofas, chairs,
 * rugs, ...), a room it is placed in, a design style, a colour and a material, and from these a
 * readable name ("Emerald velvet accent chair"), a price in the category's range and an image of
 * its category in its colour. A product's colour comes from its style's palette three times in
 * four, and its material from the materials its style and category share when they share any.
 *
 * <pre>
 * HomeFashionCatalog catalog = HomeFashionCatalog.create(2000, 7);
 * catalog.name(0);   // e.g. "Sage linen sofa"
 * catalog.style(0);  // e.g. "scandinavian"
 * </pre>
 *
 * <p>Immutable and thread-safe once created.
 */
public final class HomeFashionCatalog {
  /** The header of {@code catalog.csv}: the catalog reader's columns, then style, colour, room. */
  public static final String HEADER = "id,name,category,price,in_stock,image,style,colour,room";

  /** Share of products in stock. */
  static final double IN_STOCK = 0.92;

  /** Share of products whose colour comes from their style's palette. */
  static final double PALETTE_COLOUR = 0.75;

  /** Share of products whose material comes from their style, where the category allows. */
  static final double STYLE_MATERIAL = 0.85;

  private final String[] ids;
  private final byte[][] idBytes;
  private final String[] names;
  private final byte[] category;
  private final byte[] style;
  private final byte[] colour;
  private final byte[] material;
  private final byte[] room;
  private final long[] priceCents;
  private final boolean[] inStock;

  private HomeFashionCatalog(int n) {
    ids = new String[n];
    idBytes = new byte[n][];
    names = new String[n];
    category = new byte[n];
    style = new byte[n];
    colour = new byte[n];
    material = new byte[n];
    room = new byte[n];
    priceCents = new long[n];
    inStock = new boolean[n];
  }

  /**
   * A catalog of {@code products} products; the one {@link StoreGenerator} writes for the same
   * seed.
   */
  public static HomeFashionCatalog create(int products, long seed) {
    return create(products, StoreGenerator.catalogRandom(seed));
  }

  static HomeFashionCatalog create(int products, SplittableRandom rng) {
    if (products < 1) {
      throw new IllegalArgumentException("products must be >= 1, was " + products);
    }
    HomeFashionCatalog c = new HomeFashionCatalog(products);
    double[] categoryCumulative = new double[HomeFashion.CATEGORIES.size()];
    double sum = 0;
    for (int i = 0; i < categoryCumulative.length; i++) {
      sum += HomeFashion.CATEGORIES.get(i).weight();
      categoryCumulative[i] = sum;
    }
    int width = Math.max(6, Integer.toString(products).length());
    Map<String, Integer> seen = new HashMap<>(products * 2);
    for (int p = 0; p < products; p++) {
      int cat = pick(categoryCumulative, rng.nextDouble() * sum);
      Category category = HomeFashion.CATEGORIES.get(cat);
      int st = rng.nextInt(HomeFashion.STYLES.size());
      Style style = HomeFashion.STYLES.get(st);
      int nouns = 0;
      for (Placement pl : category.placements()) {
        nouns += pl.nouns().length;
      }
      int k = rng.nextInt(nouns);
      Placement placement = null;
      for (Placement pl : category.placements()) {
        if (k < pl.nouns().length) {
          placement = pl;
          break;
        }
        k -= pl.nouns().length;
      }
      String noun = placement.nouns()[k];
      int col = rng.nextDouble() < PALETTE_COLOUR
          ? style.palette()[rng.nextInt(style.palette().length)]
          : rng.nextInt(HomeFashion.COLOURS.size());
      int mat = material(category, style, rng);
      double u = rng.nextDouble();
      double base = category.minPrice()
          * StrictMath.pow(category.maxPrice() / category.minPrice(), u);
      double price = base * HomeFashion.MATERIALS.get(mat).priceFactor()
          * Draws.logNormal(rng, 0, 0.12);
      c.ids[p] = "P" + pad(p + 1, width);
      c.idBytes[p] = c.ids[p].getBytes(StandardCharsets.US_ASCII);
      c.category[p] = (byte) cat;
      c.style[p] = (byte) st;
      c.colour[p] = (byte) col;
      c.material[p] = (byte) mat;
      c.room[p] = (byte) placement.room();
      c.priceCents[p] = retailCents(price);
      c.inStock[p] = rng.nextDouble() < IN_STOCK;
      String base0 = capitalize(HomeFashion.COLOURS.get(col).word() + " "
          + HomeFashion.MATERIALS.get(mat).word() + " " + noun);
      int dup = seen.merge(base0, 1, Integer::sum) - 1;
      c.names[p] = dup == 0 ? base0 : base0 + " (" + collection(style, dup - 1) + ")";
    }
    return c;
  }

  /** Number of products. */
  public int size() {
    return ids.length;
  }

  /** The product id, {@code P000001} upwards, zero-padded so that ids sort as numbers. */
  public String id(int product) {
    return ids[product];
  }

  /** The readable name, e.g. {@code Emerald velvet accent chair}; unique within the catalog. */
  public String name(int product) {
    return names[product];
  }

  /** The category slug, e.g. {@code chairs}. */
  public String category(int product) {
    return HomeFashion.CATEGORIES.get(category[product]).slug();
  }

  /** The style slug, e.g. {@code mid-century}. */
  public String style(int product) {
    return HomeFashion.STYLES.get(style[product]).slug();
  }

  /** The colour slug, e.g. {@code ash-grey}. */
  public String colour(int product) {
    return HomeFashion.COLOURS.get(colour[product]).slug();
  }

  /** The material, e.g. {@code mango wood}. */
  public String material(int product) {
    return HomeFashion.MATERIALS.get(material[product]).word();
  }

  /** The room slug, e.g. {@code living-room}. */
  public String room(int product) {
    return HomeFashion.ROOMS.get(room[product]).slug();
  }

  /** The price in cents, e.g. {@code 44999}. */
  public long priceCents(int product) {
    return priceCents[product];
  }

  /** The price as written in the catalog, e.g. {@code 449.99}. */
  public String price(int product) {
    long cents = priceCents[product];
    return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
  }

  public boolean inStock(int product) {
    return inStock[product];
  }

  /** The image path relative to the shop folder: {@code images/<category>-<colour>.svg}. */
  public String image(int product) {
    return imagePath(category[product], colour[product]);
  }

  static String imagePath(int category, int colour) {
    return StoreGenerator.IMAGES_DIR + "/" + HomeFashion.CATEGORIES.get(category).slug() + "-"
        + HomeFashion.COLOURS.get(colour).slug() + ".svg";
  }

  /** The catalog as CSV: {@link #HEADER}, then one row per product in id order. */
  public byte[] toCsv() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(size() * 110 + 64);
    writeRows(bytes::write);
    return bytes.toByteArray();
  }

  /** Writes {@link #toCsv()} to {@code file} atomically, row by row. */
  public void writeCsv(Path file) {
    try (AtomicOutput out = new AtomicOutput(file, 1 << 20)) {
      writeRows(out::write);
      out.commit();
    }
  }

  /** Receives a slice of bytes. */
  private interface ByteSink {
    void write(byte[] b, int off, int len);
  }

  private void writeRows(ByteSink sink) {
    byte[] header = (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
    sink.write(header, 0, header.length);
    StringBuilder sb = new StringBuilder(256);
    for (int p = 0; p < size(); p++) {
      sb.setLength(0);
      sb.append(ids[p]).append(',').append(names[p]).append(',').append(category(p)).append(',')
          .append(price(p)).append(',').append(inStock[p]).append(',').append(image(p))
          .append(',').append(style(p)).append(',').append(colour(p)).append(',').append(room(p))
          .append('\n');
      byte[] row = sb.toString().getBytes(StandardCharsets.UTF_8);
      sink.write(row, 0, row.length);
    }
  }

  // ---- package-private views for the generator

  byte[] idBytes(int product) {
    return idBytes[product];
  }

  int categoryIndex(int product) {
    return category[product];
  }

  int styleIndex(int product) {
    return style[product];
  }

  int colourIndex(int product) {
    return colour[product];
  }

  int roomIndex(int product) {
    return room[product];
  }

  // ---- helpers

  private static int material(Category category, Style style, SplittableRandom rng) {
    int[] shared = new int[category.materials().length];
    int n = 0;
    for (int m : category.materials()) {
      for (int s : style.materials()) {
        if (m == s) {
          shared[n++] = m;
          break;
        }
      }
    }
    if (n > 0 && rng.nextDouble() < STYLE_MATERIAL) {
      return shared[rng.nextInt(n)];
    }
    return category.materials()[rng.nextInt(category.materials().length)];
  }

  /** A shop price: {@code x.99} under 100, then steps of 5 and of 10, less a cent. */
  static long retailCents(double price) {
    if (price < 100) {
      return (long) Math.floor(Math.max(0, price)) * 100 + 99;
    }
    long step = price < 1000 ? 5 : 10;
    return Math.round(price / step) * step * 100 - 1;
  }

  private static String collection(Style style, int k) {
    String[] names = style.collections();
    String name = names[k % names.length];
    return k < names.length ? name : name + " " + (k / names.length + 1);
  }

  private static int pick(double[] cumulative, double u) {
    for (int i = 0; i < cumulative.length - 1; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  private static String capitalize(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static String pad(int v, int width) {
    String s = Integer.toString(v);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }
}
