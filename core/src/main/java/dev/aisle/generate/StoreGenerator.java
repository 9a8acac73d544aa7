package dev.aisle.generate;

import dev.aisle.format.AtomicOutput;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Generates a seeded synthetic home-fashion shop: a catalog, product images and a browse log whose
 * sessions follow planted tastes. The model is described in the {@linkplain dev.aisle.generate
 * package documentation}; the constants below are its parameters.
 *
 * <pre>
 * GeneratorResult shop = StoreGenerator.generate(GeneratorOptions.of(2000, 5000, 30, 7),
 *     Path.of("shop"));
 * // shop/events.csv   customer_id,product_id,timestamp,event   (Aisle's default log format)
 * // shop/catalog.csv  id,name,category,price,in_stock,image,style,colour,room
 * // shop/images/      one SVG per category and colour
 * </pre>
 *
 * <p>Single-threaded; every random choice comes from one {@link SplittableRandom} seeded with the
 * options' seed, so the same options give the same bytes. Each file is written to a temporary
 * file and renamed into place. The log is written customer by customer, each customer's events in
 * time order; it is not sorted by time overall (ingest sorts).
 */
public final class StoreGenerator {
  /** The browse log in the shop folder. */
  public static final String EVENTS_FILE = "events.csv";

  /** The catalog in the shop folder. */
  public static final String CATALOG_FILE = "catalog.csv";

  /** The image folder in the shop folder. */
  public static final String IMAGES_DIR = "images";

  /** The header of {@code events.csv}. */
  public static final String EVENTS_HEADER = "customer_id,product_id,timestamp,event";

  // ---- the model's parameters (see package-info)

  /** Sessions a day of a customer of activity 1 (the mean activity). */
  static final double SESSIONS_PER_DAY = 0.12;

  /** Pareto shape of customer activity: smaller is more unequal. */
  static final double ACTIVITY_SHAPE = 1.5;

  /** Cap on a customer's activity, so no customer looks like a crawler. */
  static final double MAX_ACTIVITY = 40;

  /** Zipf exponent of product popularity within every list a product is drawn from. */
  static final double POPULARITY_EXPONENT = 1.0;

  /** Relative share of missions in each room, before rooms without products are dropped. */
  static final double[] BASE_ROOM_WEIGHTS = {0.38, 0.26, 0.16, 0.10, 0.10};

  /** Share of sessions in the customer's main style; the rest use their second style. */
  static final double MAIN_STYLE = 0.8;

  /** Share of missions in the customer's first room, then in their second room. */
  static final double FIRST_ROOM = 0.65;

  static final double SECOND_ROOM = 0.25;

  /** Chance that the next session comes back to the same mission, after a shorter pause. */
  static final double RETURN_TO_MISSION = 0.3;

  /** Next product: the mission's style, category and room. */
  static final double ON_MISSION = 0.62;

  /** Next product: the mission's style, another category of the mission's room. */
  static final double COMPLETE_THE_LOOK = 0.16;

  /** Next product: the mission's category and room, any style. The rest: any product at all. */
  static final double OTHER_STYLE = 0.12;

  /** Acceptance of a drawn product outside the customer's colours. */
  static final double OFF_PALETTE = 0.35;

  /** Acceptance of a drawn product already seen in the session (repeats are planted apart). */
  static final double SEEN = 0.15;

  /** Products drawn before the most acceptable of them is taken anyway. */
  static final int ATTEMPTS = 4;

  /** Chance that a view goes back to a product seen earlier in the session. */
  static final double REPEAT_VIEW = 0.1;

  /** Chance that a view is followed by putting the product in the cart. */
  static final double CART = 0.03;

  /** Log-normal spread of session length (events). */
  static final double SESSION_LENGTH_SIGMA = 1.0;

  static final int MAX_SESSION_LENGTH = 200;

  /** Median seconds between two events of a session, log-normal spread, and bounds. */
  static final double DWELL_MEDIAN = 35;

  static final double DWELL_SIGMA = 0.9;

  private static final double DWELL_MU = StrictMath.log(DWELL_MEDIAN);

  static final int DWELL_MIN = 3;

  static final int DWELL_MAX = 20 * 60;

  /** Shortest pause between two sessions of a customer, and mean extra pause on a return visit. */
  static final int MIN_PAUSE = 3600;

  static final int RETURN_PAUSE = 8 * 3600;

  /** When sessions start, relative weight by UTC hour of the day: evenings are busy. */
  private static final double[] HOUR_WEIGHTS = {
    1.0, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.4, 1.9, 2.1, 2.2, 2.4,
    2.6, 2.4, 2.2, 2.2, 2.4, 2.8, 3.3, 3.9, 4.2, 3.8, 2.8, 1.8
  };

  private static final byte[] VIEW = ",view\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CART_ROW = ",cart\n".getBytes(StandardCharsets.US_ASCII);

  private final GeneratorOptions options;
  private final HomeFashionCatalog catalog;
  private final ZipfTable zipf;
  private final int styles;
  private final int categories;
  private final int rooms;
  /** Products by (style, category, room), (style, category), (category, room) and category. */
  private final ProductPools byStyleCategoryRoom;
  private final ProductPools byStyleCategory;
  private final ProductPools byCategoryRoom;
  private final ProductPools byCategory;
  /** All products by popularity. */
  private final int[] byPopularity;
  /** Mission categories of a room, cumulative weights; zero-weight categories have no products. */
  private final double[][] roomCategories;
  private final double[] roomWeights;
  private final double[] hourCumulative;
  private final IsoSeconds timestamps;
  private final long start;
  private final long end;
  private final double lengthMu;

  // per-session scratch
  private final int[] viewed = new int[MAX_SESSION_LENGTH];
  private long sessions;
  private long events;
  private long carts;

  private StoreGenerator(GeneratorOptions options, HomeFashionCatalog catalog,
      SplittableRandom rng) {
    this.options = options;
    this.catalog = catalog;
    int n = catalog.size();
    styles = HomeFashion.STYLES.size();
    categories = HomeFashion.CATEGORIES.size();
    zipf = new ZipfTable(n, POPULARITY_EXPONENT);
    byPopularity = new int[n];
    for (int i = 0; i < n; i++) {
      byPopularity[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = byPopularity[i];
      byPopularity[i] = byPopularity[j];
      byPopularity[j] = t;
    }
    rooms = HomeFashion.ROOMS.size();
    byStyleCategoryRoom = new ProductPools(styles * categories * rooms, byPopularity,
        p -> key(catalog.styleIndex(p), catalog.categoryIndex(p), catalog.roomIndex(p)));
    byStyleCategory = new ProductPools(styles * categories, byPopularity,
        p -> catalog.styleIndex(p) * categories + catalog.categoryIndex(p));
    byCategoryRoom = new ProductPools(categories * rooms, byPopularity,
        p -> catalog.categoryIndex(p) * rooms + catalog.roomIndex(p));
    byCategory = new ProductPools(categories, byPopularity, catalog::categoryIndex);
    roomCategories = new double[rooms][categories];
    roomWeights = new double[rooms];
    for (int r = 0; r < rooms; r++) {
      double sum = 0;
      for (int c = 0; c < categories; c++) {
        HomeFashion.Category cat = HomeFashion.CATEGORIES.get(c);
        int all = 0;
        int here = 0;
        for (HomeFashion.Placement pl : cat.placements()) {
          all += pl.nouns().length;
          if (pl.room() == r) {
            here += pl.nouns().length;
          }
        }
        if (byCategory.size(c) > 0) {
          sum += cat.weight() * here / all;
        }
        roomCategories[r][c] = sum;
      }
      roomWeights[r] = (r == 0 ? 0 : roomWeights[r - 1]) + (sum > 0 ? BASE_ROOM_WEIGHTS[r] : 0);
    }
    hourCumulative = new double[24];
    double sum = 0;
    for (int h = 0; h < 24; h++) {
      sum += HOUR_WEIGHTS[h];
      hourCumulative[h] = sum;
    }
    timestamps = new IsoSeconds(options.start(), options.days());
    start = options.start().toEpochDay() * 86_400L;
    end = start + options.days() * 86_400L;
    lengthMu = StrictMath.log(options.meanSessionLength() - 0.5)
        - SESSION_LENGTH_SIGMA * SESSION_LENGTH_SIGMA / 2;
  }

  /** Generates the shop into {@code dir} (created if missing); existing files are replaced. */
  public static GeneratorResult generate(GeneratorOptions options, Path dir) {
    return generate(options, dir, null);
  }

  /**
   * Generates the shop into {@code dir}.
   *
   * @param progress receives the number of customers done so far, or null
   */
  public static GeneratorResult generate(GeneratorOptions options, Path dir,
      LongConsumer progress) {
    SplittableRandom root = new SplittableRandom(options.seed());
    HomeFashionCatalog catalog = HomeFashionCatalog.create(options.products(), root.split());
    SplittableRandom behaviour = root.split();
    int images = SvgImages.writeAll(dir.resolve(IMAGES_DIR));
    catalog.writeCsv(dir.resolve(CATALOG_FILE));
    StoreGenerator g = new StoreGenerator(options, catalog, behaviour.split());
    long bytes;
    try (AtomicOutput out = new AtomicOutput(dir.resolve(EVENTS_FILE), 1 << 20)) {
      byte[] header = (EVENTS_HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
      out.write(header, 0, header.length);
      g.writeEvents(out, behaviour, progress);
      bytes = out.size();
      out.commit();
    }
    return new GeneratorResult(dir, options.products(), options.customers(), g.sessions, g.events,
        g.carts, bytes, images);
  }

  /** The random stream the catalog is drawn from, as {@link #generate} uses it. */
  static SplittableRandom catalogRandom(long seed) {
    return new SplittableRandom(seed).split();
  }

  private int key(int style, int category, int room) {
    return (style * categories + category) * rooms + room;
  }

  // ---- customers

  private void writeEvents(AtomicOutput out, SplittableRandom behaviour, LongConsumer progress) {
    int width = Math.max(7, Integer.toString(options.customers()).length());
    byte[] customerId = new byte[width + 1];
    customerId[0] = 'C';
    for (int c = 0; c < options.customers(); c++) {
      int v = c + 1;
      for (int i = width; i >= 1; i--) {
        customerId[i] = (byte) ('0' + v % 10);
        v /= 10;
      }
      customer(out, customerId, behaviour.split());
      if (progress != null && (c & 4095) == 4095) {
        progress.accept(c + 1L);
      }
    }
    if (progress != null) {
      progress.accept(options.customers());
    }
  }

  /** One customer's tastes, then their sessions over the period. */
  private void customer(AtomicOutput out, byte[] id, SplittableRandom rng) {
    ShopperTaste taste = ShopperTaste.draw(rng, this::pickRoom);
    int mainStyle = taste.mainStyle();
    int secondStyle = taste.secondStyle();
    long colours = taste.colours();
    int room1 = taste.firstRoom();
    int room2 = taste.secondRoom();
    // Pareto(shape, scale) with mean 1, capped
    double activity = Math.min(MAX_ACTIVITY, (ACTIVITY_SHAPE - 1) / ACTIVITY_SHAPE
        * StrictMath.pow(1 - rng.nextDouble(), -1 / ACTIVITY_SHAPE));
    double meanGap = 86_400 / (SESSIONS_PER_DAY * activity);

    long t = inDay(start + (long) (Draws.exponential(rng) * meanGap), rng);
    if (t >= end) {
      // a quiet customer: one visit somewhere in the period
      t = inDay(start + rng.nextInt(options.days()) * 86_400L, rng);
    }
    int room = -1;
    int category = -1;
    int style = -1;
    boolean returning = false;
    while (t < end) {
      if (!returning) {
        double u = rng.nextDouble();
        room = u < FIRST_ROOM ? room1 : u < FIRST_ROOM + SECOND_ROOM ? room2 : pickRoom(rng);
        category = pickCategory(room, rng);
        style = rng.nextDouble() < MAIN_STYLE ? mainStyle : secondStyle;
      }
      long last = session(out, id, t, room, category, style, colours, rng);
      returning = rng.nextDouble() < RETURN_TO_MISSION;
      if (returning) {
        t = last + MIN_PAUSE + (long) (Draws.exponential(rng) * RETURN_PAUSE);
      } else {
        t = inDay(last + (long) (Draws.exponential(rng) * meanGap), rng);
        if (t < last + MIN_PAUSE) {
          t = last + MIN_PAUSE + rng.nextInt(4 * 3600);
        }
      }
    }
  }

  /** A time on the same day as {@code t}, at an hour drawn from the daily rhythm. */
  private long inDay(long t, SplittableRandom rng) {
    long day = Math.floorDiv(t - start, 86_400L);
    double u = rng.nextDouble() * hourCumulative[23];
    int h = 0;
    while (h < 23 && hourCumulative[h] <= u) {
      h++;
    }
    return start + day * 86_400L + h * 3600L + rng.nextInt(3600);
  }

  private int pickRoom(SplittableRandom rng) {
    double u = rng.nextDouble() * roomWeights[roomWeights.length - 1];
    int r = 0;
    while (r < roomWeights.length - 1 && roomWeights[r] <= u) {
      r++;
    }
    return r;
  }

  private int pickCategory(int room, SplittableRandom rng) {
    double[] cum = roomCategories[room];
    double u = rng.nextDouble() * cum[categories - 1];
    int c = 0;
    while (c < categories - 1 && cum[c] <= u) {
      c++;
    }
    return c;
  }

  // ---- sessions

  /** Writes one session starting at {@code t}; returns the time of its last event. */
  private long session(AtomicOutput out, byte[] id, long t, int room, int category, int style,
      long colours, SplittableRandom rng) {
    int length = (int) Math.min(MAX_SESSION_LENGTH,
        1 + Math.floor(Draws.logNormal(rng, lengthMu, SESSION_LENGTH_SIGMA)));
    int n = 0;
    int written = 0;
    long now = t;
    long last = t;
    while (written < length) {
      if (written > 0) {
        double dwell = Draws.logNormal(rng, DWELL_MU, DWELL_SIGMA);
        now += Math.max(DWELL_MIN, Math.min(DWELL_MAX, (long) dwell));
      }
      if (now >= end) {
        break;
      }
      int p;
      if (n >= 2 && rng.nextDouble() < REPEAT_VIEW) {
        p = rng.nextBoolean() ? viewed[n - 2] : viewed[rng.nextInt(n - 1)];
      } else {
        p = next(n == 0 ? -1 : viewed[n - 1], n, room, category, style, colours, rng);
      }
      viewed[n++] = p;
      row(out, id, p, now, VIEW);
      written++;
      last = now;
      if (written < length && rng.nextDouble() < CART) {
        now += 5 + rng.nextInt(40);
        if (now >= end) {
          break;
        }
        row(out, id, p, now, CART_ROW);
        written++;
        carts++;
        last = now;
      }
    }
    sessions++;
    events += written;
    return last;
  }

  /**
   * Draws the next product of a session. First where to look: the mission's style, category and
   * room; the same style in another category of the room (completing the look); the mission's
   * category and room in any style; or anywhere at all. Then up to {@link #ATTEMPTS} products
   * there by popularity, each accepted with a probability that is lower for a product outside the
   * customer's colours or already seen in the session. When none is accepted the most acceptable
   * one is taken, unless the session has seen them all: then the search widens, dropping the room,
   * then the style (small shops have few products of a kind).
   */
  private int next(int current, int n, int room, int category, int style, long colours,
      SplittableRandom rng) {
    double u = rng.nextDouble();
    if (u >= ON_MISSION + COMPLETE_THE_LOOK + OTHER_STYLE) {
      return noise(current, rng);
    }
    boolean anyStyle = u >= ON_MISSION + COMPLETE_THE_LOOK;
    int cat = u >= ON_MISSION && !anyStyle ? pickCategory(room, rng) : category;
    int best = -1;
    double bestScore = -1;
    for (int level = anyStyle ? 2 : 0; level < 4; level++) {
      ProductPools pools;
      int k;
      switch (level) {
        case 0: pools = byStyleCategoryRoom; k = key(style, cat, room); break;
        case 1: pools = byStyleCategory; k = style * categories + cat; break;
        case 2: pools = byCategoryRoom; k = cat * rooms + room; break;
        default: pools = byCategory; k = cat; break;
      }
      int size = pools.size(k);
      if (size == 0) {
        continue;
      }
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        int p = pools.get(k, zipf.sample(rng, size));
        if (p == current && size > 1) {
          continue;
        }
        double accept = p == current ? 0
            : (colours & (1L << catalog.colourIndex(p))) != 0 ? 1 : OFF_PALETTE;
        for (int i = 0; i < n; i++) {
          if (viewed[i] == p) {
            accept *= SEEN;
            break;
          }
        }
        if (accept >= 1 || rng.nextDouble() < accept) {
          return p;
        }
        if (accept > bestScore) {
          best = p;
          bestScore = accept;
        }
      }
      if (bestScore >= OFF_PALETTE) {
        return best; // unseen, just not in the customer's colours
      }
    }
    return best >= 0 ? best : noise(current, rng);
  }

  /** Any product at all, by popularity: the noise of real browsing. */
  private int noise(int current, SplittableRandom rng) {
    int p = byPopularity[zipf.sample(rng, byPopularity.length)];
    return p != current || byPopularity.length == 1 ? p
        : byPopularity[zipf.sample(rng, byPopularity.length)];
  }

  private void row(AtomicOutput out, byte[] customer, int product, long time, byte[] event) {
    byte[] pid = catalog.idBytes(product);
    out.ensure(customer.length + pid.length + IsoSeconds.LENGTH + event.length + 2);
    byte[] b = out.buffer();
    int at = out.position();
    System.arraycopy(customer, 0, b, at, customer.length);
    at += customer.length;
    b[at++] = ',';
    System.arraycopy(pid, 0, b, at, pid.length);
    at += pid.length;
    b[at++] = ',';
    at = timestamps.write(b, at, time);
    System.arraycopy(event, 0, b, at, event.length);
    at += event.length;
    out.advance(at - out.position());
  }
}
