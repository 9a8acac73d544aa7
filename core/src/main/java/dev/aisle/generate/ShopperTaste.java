package dev.aisle.generate;

import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * A customer's planted tastes, drawn as the generator draws them for every customer of the log: a
 * main style and a second one, three liked colours (two from the main style's palette, one from
 * anywhere) and the two rooms they furnish most. {@code aisle simulate} draws its shoppers with
 * the same tastes, so that simulated visitors like what the generated shop's customers liked.
 *
 * <pre>
 * ShopperTaste t = ShopperTaste.draw(new SplittableRandom(7));
 * ShopperTaste.Mission m = t.mission(rng);   // what this visit is for: a room and a style
 * t.likesColour("sage");
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param mainStyle index into the styles, see {@link #style(int)}
 * @param secondStyle another style, taken in the rest of the sessions
 * @param colours bit set of liked colour indexes
 * @param firstRoom the room of most missions
 * @param secondRoom the room of the next most
 */
public record ShopperTaste(int mainStyle, int secondStyle, long colours, int firstRoom,
    int secondRoom) {

  /**
   * What one visit is for.
   *
   * @param room the room's slug, as in the catalog's {@code room} column
   * @param style the style's slug, as in the {@code style} column
   */
  public record Mission(String room, String style) {}

  /** A shopper's tastes, the rooms drawn by their share of the catalog's home. */
  public static ShopperTaste draw(SplittableRandom rng) {
    double[] cumulative = new double[StoreGenerator.BASE_ROOM_WEIGHTS.length];
    double sum = 0;
    for (int r = 0; r < cumulative.length; r++) {
      sum += StoreGenerator.BASE_ROOM_WEIGHTS[r];
      cumulative[r] = sum;
    }
    return draw(rng, random -> {
      double u = random.nextDouble() * cumulative[cumulative.length - 1];
      int r = 0;
      while (r < cumulative.length - 1 && cumulative[r] <= u) {
        r++;
      }
      return r;
    });
  }

  /** The generator's draw: the same random calls in the same order, rooms from {@code room}. */
  static ShopperTaste draw(SplittableRandom rng, ToIntFunction<SplittableRandom> room) {
    int styles = HomeFashion.STYLES.size();
    int mainStyle = rng.nextInt(styles);
    int secondStyle = (mainStyle + 1 + rng.nextInt(styles - 1)) % styles;
    int[] palette = HomeFashion.STYLES.get(mainStyle).palette();
    long colours = (1L << palette[rng.nextInt(palette.length)])
        | (1L << palette[rng.nextInt(palette.length)])
        | (1L << rng.nextInt(HomeFashion.COLOURS.size()));
    int room1 = room.applyAsInt(rng);
    int room2 = room1;
    for (int i = 0; i < 8 && room2 == room1; i++) {
      room2 = room.applyAsInt(rng);
    }
    return new ShopperTaste(mainStyle, secondStyle, colours, room1, room2);
  }

  /** A visit's room and style, with the generator's shares of first room, second room, main style. */
  public Mission mission(SplittableRandom rng) {
    double u = rng.nextDouble();
    int rooms = HomeFashion.ROOMS.size();
    int room = u < StoreGenerator.FIRST_ROOM ? firstRoom
        : u < StoreGenerator.FIRST_ROOM + StoreGenerator.SECOND_ROOM ? secondRoom
        : rng.nextInt(rooms);
    int style = rng.nextDouble() < StoreGenerator.MAIN_STYLE ? mainStyle : secondStyle;
    return new Mission(HomeFashion.ROOMS.get(room).slug(), style(style));
  }

  /** The slug of style {@code index}. */
  public static String style(int index) {
    return HomeFashion.STYLES.get(index).slug();
  }

  /** Whether the shopper likes the colour of this slug ({@code ash-grey}). */
  public boolean likesColour(String slug) {
    for (int c = 0; c < HomeFashion.COLOURS.size(); c++) {
      if (HomeFashion.COLOURS.get(c).slug().equals(slug)) {
        return (colours & (1L << c)) != 0;
      }
    }
    return false;
  }
}
