package dev.aisle.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HomeFashionCatalogTest {
  private final HomeFashionCatalog catalog = HomeFashionCatalog.create(3000, 11);

  @Test
  void names_read_colour_material_noun() {
    for (int p = 0; p < catalog.size(); p++) {
      String name = catalog.name(p).toLowerCase(java.util.Locale.ROOT);
      String colourWord = HomeFashion.COLOURS.get(catalog.colourIndex(p)).word();
      assertThat(name).startsWith(colourWord + " " + catalog.material(p) + " ");
    }
  }

  @Test
  void every_category_style_colour_and_room_occurs() {
    Set<String> categories = new HashSet<>();
    Set<String> styles = new HashSet<>();
    Set<String> rooms = new HashSet<>();
    for (int p = 0; p < catalog.size(); p++) {
      categories.add(catalog.category(p));
      styles.add(catalog.style(p));
      rooms.add(catalog.room(p));
    }
    assertThat(categories).hasSize(HomeFashion.CATEGORIES.size());
    assertThat(styles).hasSize(HomeFashion.STYLES.size());
    assertThat(rooms).hasSize(HomeFashion.ROOMS.size());
  }

  @Test
  void colours_mostly_come_from_the_style_palette() {
    int inPalette = 0;
    for (int p = 0; p < catalog.size(); p++) {
      for (int c : HomeFashion.STYLES.get(catalog.styleIndex(p)).palette()) {
        if (c == catalog.colourIndex(p)) {
          inPalette++;
          break;
        }
      }
    }
    assertThat((double) inPalette / catalog.size()).isGreaterThan(0.7);
  }

  @Test
  void prices_follow_the_category_range() {
    for (int p = 0; p < catalog.size(); p++) {
      HomeFashion.Category c = HomeFashion.CATEGORIES.get(catalog.categoryIndex(p));
      double price = catalog.priceCents(p) / 100.0;
      assertThat(price).as(catalog.name(p))
          .isBetween(c.minPrice() * 0.6 * 0.6, c.maxPrice() * 1.6 * 1.7);
      assertThat(catalog.price(p)).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f",
          catalog.priceCents(p) / 100.0));
    }
  }

  @ParameterizedTest
  @CsvSource({"12.3, 1299", "99.995, 9999", "0.4, 99", "101, 9999", "447.6, 44999",
      "1234, 122999", "1236, 123999"})
  void prices_end_like_shop_prices(double price, long cents) {
    assertThat(HomeFashionCatalog.retailCents(price)).isEqualTo(cents);
  }

  @Test
  void a_catalog_needs_a_product() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HomeFashionCatalog.create(0, 1));
    assertThat(e).hasMessageContaining("was 0");
  }

  @Test
  void every_image_is_an_svg_in_the_colour() {
    for (int cat = 0; cat < HomeFashion.CATEGORIES.size(); cat++) {
      for (int col = 0; col < HomeFashion.COLOURS.size(); col++) {
        String svg = new String(SvgImages.svg(cat, col), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg ").endsWith("</svg>\n")
            .contains(HomeFashion.COLOURS.get(col).hex()).doesNotContain("\"F\"", "\"S\"");
      }
    }
  }
}
