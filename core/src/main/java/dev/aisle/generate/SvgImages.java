package dev.aisle.generate;

import dev.aisle.format.AtomicOutput;

import dev.aisle.generate.HomeFashion.Colour;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Product images: one small SVG per category and colour, a plain silhouette of the category (a
 * sofa, a lamp, a rug...) filled with the colour, on a light background. The catalog points every
 * product at the image of its category and colour, so a shop of any size needs at most
 * categories x colours files, and they do not depend on the seed.
 */
final class SvgImages {
  private SvgImages() {}

  /** Shapes by category, in the order of {@link HomeFashion#CATEGORIES}; F = fill, S = stroke. */
  private static final String[] SHAPES = {
    // sofas
    """
      <rect x="44" y="86" width="152" height="58" rx="16" fill="F" stroke="S" stroke-width="3"/>
      <rect x="36" y="128" width="168" height="44" rx="10" fill="F" stroke="S" stroke-width="3"/>
      <rect x="24" y="112" width="32" height="66" rx="13" fill="F" stroke="S" stroke-width="3"/>
      <rect x="184" y="112" width="32" height="66" rx="13" fill="F" stroke="S" stroke-width="3"/>
      <rect x="40" y="178" width="8" height="18" rx="2" fill="S"/>
      <rect x="192" y="178" width="8" height="18" rx="2" fill="S"/>
    """,
    // chairs
    """
      <rect x="78" y="52" width="84" height="86" rx="18" fill="F" stroke="S" stroke-width="3"/>
      <rect x="66" y="126" width="108" height="34" rx="10" fill="F" stroke="S" stroke-width="3"/>
      <line x1="78" y1="160" x2="70" y2="200" stroke="S" stroke-width="7" stroke-linecap="round"/>
      <line x1="162" y1="160" x2="170" y2="200" stroke="S" stroke-width="7" stroke-linecap="round"/>
    """,
    // tables
    """
      <rect x="28" y="96" width="184" height="20" rx="6" fill="F" stroke="S" stroke-width="3"/>
      <rect x="48" y="116" width="12" height="76" fill="F" stroke="S" stroke-width="3"/>
      <rect x="180" y="116" width="12" height="76" fill="F" stroke="S" stroke-width="3"/>
    """,
    // beds
    """
      <rect x="30" y="70" width="40" height="120" rx="8" fill="F" stroke="S" stroke-width="3"/>
      <rect x="62" y="118" width="150" height="46" rx="8" fill="#ffffff" stroke="S"
          stroke-width="3"/>
      <rect x="72" y="104" width="42" height="20" rx="8" fill="#ffffff" stroke="S"
          stroke-width="3"/>
      <rect x="110" y="112" width="104" height="56" rx="10" fill="F" stroke="S" stroke-width="3"/>
      <rect x="204" y="164" width="8" height="26" fill="S"/>
    """,
    // storage
    """
      <rect x="52" y="44" width="136" height="146" rx="6" fill="F" stroke="S" stroke-width="3"/>
      <line x1="52" y1="92" x2="188" y2="92" stroke="S" stroke-width="3"/>
      <line x1="52" y1="140" x2="188" y2="140" stroke="S" stroke-width="3"/>
      <circle cx="120" cy="68" r="5" fill="S"/>
      <circle cx="120" cy="116" r="5" fill="S"/>
      <circle cx="120" cy="164" r="5" fill="S"/>
      <rect x="60" y="190" width="8" height="10" fill="S"/>
      <rect x="172" y="190" width="8" height="10" fill="S"/>
    """,
    // rugs
    """
      <rect x="36" y="56" width="168" height="128" rx="4" fill="F" stroke="S" stroke-width="3"/>
      <rect x="50" y="70" width="140" height="100" fill="none" stroke="#ffffff" stroke-width="4"
          stroke-opacity="0.7"/>
      <path d="M120 84 L160 120 L120 156 L80 120 Z" fill="none" stroke="#ffffff" stroke-width="4"
          stroke-opacity="0.7"/>
      <path d="M36 64 h-10 M36 84 h-10 M36 104 h-10 M36 124 h-10 M36 144 h-10 M36 164 h-10
          M204 64 h10 M204 84 h10 M204 104 h10 M204 124 h10 M204 144 h10 M204 164 h10"
          stroke="S" stroke-width="3"/>
    """,
    // lighting
    """
      <path d="M84 40 L156 40 L178 96 L62 96 Z" fill="F" stroke="S" stroke-width="3"/>
      <line x1="120" y1="96" x2="120" y2="186" stroke="S" stroke-width="6"/>
      <ellipse cx="120" cy="192" rx="36" ry="9" fill="F" stroke="S" stroke-width="3"/>
    """,
    // mirrors
    """
      <ellipse cx="120" cy="112" rx="58" ry="80" fill="F" stroke="S" stroke-width="3"/>
      <ellipse cx="120" cy="112" rx="44" ry="66" fill="#dfe9ee" stroke="S" stroke-width="2"/>
      <line x1="98" y1="80" x2="126" y2="52" stroke="#ffffff" stroke-width="6"
          stroke-linecap="round"/>
    """,
    // curtains
    """
      <line x1="24" y1="40" x2="216" y2="40" stroke="S" stroke-width="6" stroke-linecap="round"/>
      <path d="M36 44 H106 V196 Q90 188 76 196 Q60 188 36 196 Z" fill="F" stroke="S"
          stroke-width="3"/>
      <path d="M134 44 H204 V196 Q180 188 164 196 Q150 188 134 196 Z" fill="F" stroke="S"
          stroke-width="3"/>
      <path d="M60 48 V188 M84 48 V188 M158 48 V188 M182 48 V188" stroke="S" stroke-width="2"
          stroke-opacity="0.5"/>
    """,
    // bedding
    """
      <rect x="40" y="146" width="160" height="36" rx="8" fill="F" stroke="S" stroke-width="3"/>
      <rect x="48" y="112" width="144" height="36" rx="8" fill="F" stroke="S" stroke-width="3"/>
      <rect x="56" y="78" width="128" height="36" rx="8" fill="F" stroke="S" stroke-width="3"/>
      <path d="M56 96 H184 M48 130 H192 M40 164 H200" stroke="#ffffff" stroke-width="3"
          stroke-opacity="0.6"/>
    """,
    // cushions
    """
      <path d="M52 60 Q120 44 188 60 Q200 120 188 180 Q120 196 52 180 Q40 120 52 60 Z" fill="F"
          stroke="S" stroke-width="4"/>
      <circle cx="120" cy="120" r="7" fill="S"/>
    """,
    // vases
    """
      <path d="M100 40 H140 V62 Q184 96 170 150 Q160 196 120 198 Q80 196 70 150 Q56 96 100 62 Z"
          fill="F" stroke="S" stroke-width="3"/>
      <ellipse cx="120" cy="40" rx="20" ry="5" fill="S"/>
    """,
    // decor
    """
      <rect x="44" y="40" width="152" height="160" fill="F" stroke="S" stroke-width="3"/>
      <rect x="60" y="56" width="120" height="128" fill="#fbfaf6" stroke="S" stroke-width="2"/>
      <circle cx="104" cy="104" r="26" fill="F" stroke="S" stroke-width="2"/>
      <path d="M70 176 Q110 130 172 176 Z" fill="F" stroke="S" stroke-width="2"/>
    """,
  };

  static {
    if (SHAPES.length != HomeFashion.CATEGORIES.size()) {
      throw new AssertionError("one shape per category");
    }
  }

  /** The SVG of a category in a colour. */
  static byte[] svg(int category, int colour) {
    Colour c = HomeFashion.COLOURS.get(colour);
    String slug = HomeFashion.CATEGORIES.get(category).slug();
    String shape = SHAPES[category].replace("\"F\"", "\"" + c.hex() + "\"")
        .replace("\"S\"", "\"" + darker(c.hex()) + "\"");
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 240\" width=\"240\""
        + " height=\"240\">\n"
        + "  <title>" + c.word() + " " + slug + "</title>\n"
        + "  <rect width=\"240\" height=\"240\" fill=\"#f4f1ea\"/>\n"
        + "  <ellipse cx=\"120\" cy=\"204\" rx=\"96\" ry=\"10\" fill=\"#000000\""
        + " fill-opacity=\"0.08\"/>\n"
        + shape
        + "</svg>\n";
    return svg.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes every category-colour image into {@code dir}; returns how many. */
  static int writeAll(Path dir) {
    int n = 0;
    for (int cat = 0; cat < HomeFashion.CATEGORIES.size(); cat++) {
      for (int col = 0; col < HomeFashion.COLOURS.size(); col++) {
        String name = HomeFashionCatalog.imagePath(cat, col);
        Path file = dir.resolve(name.substring(name.indexOf('/') + 1));
        AtomicOutput.write(file, svg(cat, col), false);
        n++;
      }
    }
    return n;
  }

  /** The colour at 55% brightness, for outlines that show on white as on black. */
  static String darker(String hex) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    int r = ((rgb >> 16) & 0xff) * 55 / 100;
    int g = ((rgb >> 8) & 0xff) * 55 / 100;
    int b = (rgb & 0xff) * 55 / 100;
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }
}
