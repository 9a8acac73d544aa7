package dev.aisle.generate;

import java.util.List;

/**
 * The vocabulary of the synthetic home-fashion shop: rooms, styles, colours, materials and product
 * categories, as fixed tables. Everything the generator draws is an index into these lists, so the
 * order here is part of the output: append, never reorder, or the same seed gives other bytes.
 */
final class HomeFashion {
  private HomeFashion() {}

  /** A room of the home; products belong to one, customers furnish a few. */
  record Room(String slug) {}

  /** A colour: its slug (catalog column and image file name), its word in names, its fill. */
  record Colour(String slug, String word, String hex) {}

  /** A material and how it moves the price (1 = the category's own range). */
  record Material(String word, double priceFactor) {}

  /** A design style with the materials and colours its products mostly come in. */
  record Style(String slug, int[] materials, int[] palette, String[] collections) {}

  /** The product nouns a category has in one room, e.g. chairs in the dining room. */
  record Placement(int room, String[] nouns) {}

  /**
   * A product category.
   *
   * @param weight relative share of the catalog
   * @param minPrice cheapest price in the range, before the material factor
   * @param maxPrice dearest price in the range
   */
  record Category(String slug, double weight, double minPrice, double maxPrice, int[] materials,
      List<Placement> placements) {}

  static final List<Room> ROOMS = List.of(new Room("living-room"), new Room("bedroom"),
      new Room("dining-room"), new Room("office"), new Room("hallway"));
  static final int LIVING = 0;
  static final int BEDROOM = 1;
  static final int DINING = 2;
  static final int OFFICE = 3;
  static final int HALLWAY = 4;

  static final List<Colour> COLOURS = List.of(
      new Colour("emerald", "emerald", "#1f7a5a"),
      new Colour("ivory", "ivory", "#f3eee1"),
      new Colour("charcoal", "charcoal", "#36454f"),
      new Colour("terracotta", "terracotta", "#c8643b"),
      new Colour("navy", "navy", "#1f2f55"),
      new Colour("mustard", "mustard", "#d9a82e"),
      new Colour("blush", "blush", "#e8b4b0"),
      new Colour("sage", "sage", "#9caf88"),
      new Colour("ochre", "ochre", "#cc7722"),
      new Colour("teal", "teal", "#2a7f86"),
      new Colour("ash-grey", "ash grey", "#b8b6b0"),
      new Colour("chocolate", "chocolate", "#5a3a29"),
      new Colour("sand", "sand", "#d8c3a0"),
      new Colour("burgundy", "burgundy", "#7a1f2b"),
      new Colour("cobalt", "cobalt", "#1f4fa3"),
      new Colour("rust", "rust", "#a4472a"),
      new Colour("cream", "cream", "#efe6d2"),
      new Colour("black", "black", "#1d1d1d"),
      new Colour("white", "white", "#fafafa"),
      new Colour("olive", "olive", "#6b6f2c"),
      new Colour("forest", "forest green", "#2f4a36"),
      new Colour("coral", "coral", "#f08a6c"));

  static final List<Material> MATERIALS = List.of(
      new Material("velvet", 1.25), // 0
      new Material("linen", 1.10), // 1
      new Material("boucle", 1.30), // 2
      new Material("leather", 1.50), // 3
      new Material("wool", 1.20), // 4
      new Material("cotton", 0.85), // 5
      new Material("silk", 1.60), // 6
      new Material("jute", 0.80), // 7
      new Material("oak", 1.20), // 8
      new Material("walnut", 1.40), // 9
      new Material("teak", 1.35), // 10
      new Material("mango wood", 0.90), // 11
      new Material("reclaimed wood", 1.00), // 12
      new Material("rattan", 0.90), // 13
      new Material("seagrass", 0.80), // 14
      new Material("steel", 0.95), // 15
      new Material("brass", 1.30), // 16
      new Material("marble", 1.50), // 17
      new Material("travertine", 1.45), // 18
      new Material("glass", 1.00), // 19
      new Material("ceramic", 0.90), // 20
      new Material("stoneware", 0.95), // 21
      new Material("paper", 0.60), // 22
      new Material("concrete", 0.90)); // 23

  private static final int VELVET = 0;
  private static final int LINEN = 1;
  private static final int BOUCLE = 2;
  private static final int LEATHER = 3;
  private static final int WOOL = 4;
  private static final int COTTON = 5;
  private static final int SILK = 6;
  private static final int JUTE = 7;
  private static final int OAK = 8;
  private static final int WALNUT = 9;
  private static final int TEAK = 10;
  private static final int MANGO = 11;
  private static final int RECLAIMED = 12;
  private static final int RATTAN = 13;
  private static final int SEAGRASS = 14;
  private static final int STEEL = 15;
  private static final int BRASS = 16;
  private static final int MARBLE = 17;
  private static final int TRAVERTINE = 18;
  private static final int GLASS = 19;
  private static final int CERAMIC = 20;
  private static final int STONEWARE = 21;
  private static final int PAPER = 22;
  private static final int CONCRETE = 23;

  static final List<Style> STYLES = List.of(
      new Style("scandinavian", ints(OAK, LINEN, WOOL, BOUCLE, COTTON, CERAMIC, PAPER, GLASS),
          colours("ivory", "ash-grey", "sage", "sand", "white", "blush"),
          new String[] {"Fjord", "Lund", "Oslo", "Birch", "Hygge", "Sami", "Nordby", "Aalto"}),
      new Style("industrial", ints(STEEL, LEATHER, RECLAIMED, MANGO, CONCRETE, GLASS),
          colours("charcoal", "black", "rust", "chocolate", "olive", "ash-grey"),
          new String[] {"Foundry", "Brooklyn", "Forge", "Rivet", "Dock", "Loft", "Anvil", "Mill"}),
      new Style("mid-century", ints(WALNUT, TEAK, VELVET, LEATHER, BRASS, WOOL, CERAMIC),
          colours("mustard", "teal", "olive", "ochre", "chocolate", "rust"),
          new String[] {"Eames", "Palm", "Atomic", "Sputnik", "Hudson", "Nelson", "Ray",
              "Saarinen"}),
      new Style("bohemian", ints(RATTAN, JUTE, COTTON, SEAGRASS, MANGO, VELVET, CERAMIC),
          colours("terracotta", "ochre", "rust", "coral", "sage", "mustard"),
          new String[] {"Marrakesh", "Tulum", "Gypsy", "Kasbah", "Ibiza", "Paloma", "Sahara",
              "Indigo"}),
      new Style("minimalist", ints(OAK, LINEN, STEEL, GLASS, CERAMIC, TRAVERTINE, COTTON),
          colours("white", "ivory", "black", "ash-grey", "sand", "charcoal"),
          new String[] {"Line", "Plane", "Axis", "Void", "Mono", "Kube", "Pure", "Form"}),
      new Style("rustic", ints(RECLAIMED, MANGO, WOOL, JUTE, STONEWARE, LEATHER, LINEN),
          colours("chocolate", "cream", "olive", "forest", "rust", "sand"),
          new String[] {"Barn", "Harvest", "Cabin", "Meadow", "Orchard", "Hearth", "Thicket",
              "Acre"}),
      new Style("art-deco", ints(VELVET, BRASS, MARBLE, GLASS, SILK, WALNUT),
          colours("emerald", "navy", "black", "burgundy", "blush", "teal"),
          new String[] {"Gatsby", "Chrysler", "Odeon", "Riviera", "Savoy", "Lalique", "Ritz",
              "Empire"}),
      new Style("coastal", ints(RATTAN, LINEN, COTTON, JUTE, SEAGRASS, GLASS, OAK),
          colours("navy", "white", "sand", "cobalt", "teal", "cream"),
          new String[] {"Harbour", "Nantucket", "Dune", "Tide", "Cove", "Pier", "Shoal",
              "Bayside"}),
      new Style("japandi", ints(OAK, LINEN, PAPER, CERAMIC, STONEWARE, TRAVERTINE, WOOL),
          colours("sand", "cream", "charcoal", "sage", "black", "ash-grey"),
          new String[] {"Kyoto", "Wabi", "Sumi", "Hinoki", "Zen", "Tatami", "Kanso", "Shizen"}));

  static final List<Category> CATEGORIES = List.of(
      new Category("sofas", 6, 399, 2999, ints(VELVET, LINEN, BOUCLE, LEATHER, WOOL, COTTON),
          List.of(place(LIVING, "sofa", "loveseat", "corner sofa", "sofa bed", "chaise longue"))),
      new Category("chairs", 9, 79, 899,
          ints(VELVET, BOUCLE, LEATHER, OAK, WALNUT, TEAK, RATTAN, STEEL, LINEN),
          List.of(place(LIVING, "accent chair", "armchair", "lounge chair"),
              place(DINING, "dining chair", "bar stool"), place(OFFICE, "desk chair"))),
      new Category("tables", 8, 69, 1999,
          ints(OAK, WALNUT, TEAK, MARBLE, TRAVERTINE, GLASS, STEEL, MANGO, RECLAIMED, CONCRETE),
          List.of(place(LIVING, "coffee table", "side table"), place(DINING, "dining table"),
              place(OFFICE, "desk"), place(HALLWAY, "console table"))),
      new Category("beds", 4, 299, 2499, ints(OAK, WALNUT, VELVET, LINEN, RATTAN, STEEL, BOUCLE),
          List.of(place(BEDROOM, "bed frame", "headboard", "daybed"))),
      new Category("storage", 7, 49, 1499,
          ints(OAK, WALNUT, TEAK, MANGO, RATTAN, SEAGRASS, STEEL, RECLAIMED),
          List.of(place(LIVING, "sideboard", "bookcase", "media unit"),
              place(BEDROOM, "chest of drawers", "wardrobe", "bedside table"),
              place(HALLWAY, "shoe cabinet", "coat stand"), place(OFFICE, "shelving unit"))),
      new Category("rugs", 7, 39, 1299, ints(WOOL, JUTE, COTTON, SILK, SEAGRASS),
          List.of(place(LIVING, "area rug", "round rug"), place(BEDROOM, "shaggy rug"),
              place(HALLWAY, "runner"), place(DINING, "flatweave rug"))),
      new Category("lighting", 9, 25, 699,
          ints(BRASS, CERAMIC, RATTAN, GLASS, STEEL, PAPER, LINEN, CONCRETE),
          List.of(place(LIVING, "floor lamp", "table lamp"), place(BEDROOM, "bedside lamp",
              "wall sconce"), place(DINING, "pendant light", "chandelier"),
              place(OFFICE, "desk lamp"))),
      new Category("mirrors", 4, 39, 699, ints(BRASS, OAK, RATTAN, STEEL, WALNUT),
          List.of(place(HALLWAY, "wall mirror", "full-length mirror"),
              place(BEDROOM, "floor mirror"), place(LIVING, "round mirror", "sunburst mirror"))),
      new Category("curtains", 5, 29, 349, ints(LINEN, VELVET, COTTON, SILK, WOOL),
          List.of(place(LIVING, "curtain panel", "sheer curtain"),
              place(BEDROOM, "blackout curtain"))),
      new Category("bedding", 7, 29, 399, ints(LINEN, COTTON, SILK, WOOL, VELVET),
          List.of(place(BEDROOM, "duvet cover", "sheet set", "quilt", "throw blanket",
              "pillowcase set"))),
      new Category("cushions", 8, 15, 129, ints(VELVET, LINEN, WOOL, COTTON, BOUCLE, SILK, JUTE),
          List.of(place(LIVING, "cushion", "floor cushion", "bolster"),
              place(BEDROOM, "bed cushion"))),
      new Category("vases", 6, 12, 249, ints(CERAMIC, GLASS, STONEWARE, MARBLE, BRASS, CONCRETE),
          List.of(place(LIVING, "vase", "bud vase"), place(DINING, "centrepiece bowl"),
              place(OFFICE, "planter"))),
      new Category("decor", 8, 9, 399,
          ints(CERAMIC, BRASS, MARBLE, GLASS, OAK, STONEWARE, PAPER, RATTAN),
          List.of(place(LIVING, "wall art print", "sculpture", "candle holder"),
              place(OFFICE, "bookends", "desk tray"), place(DINING, "serving tray", "candlestick"),
              place(HALLWAY, "key bowl"))));

  /** The index of a colour slug. */
  static int colour(String slug) {
    for (int i = 0; i < COLOURS.size(); i++) {
      if (COLOURS.get(i).slug().equals(slug)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown colour '" + slug + "'");
  }

  private static int[] colours(String... slugs) {
    int[] out = new int[slugs.length];
    for (int i = 0; i < slugs.length; i++) {
      out[i] = colour(slugs[i]);
    }
    return out;
  }

  private static int[] ints(int... v) {
    return v;
  }

  private static Placement place(int room, String... nouns) {
    return new Placement(room, nouns);
  }
}
