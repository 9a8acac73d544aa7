package dev.aisle.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisle.generate.ShopperTaste;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Simulated shoppers visiting an Aisle server. Each visitor gets the tastes the generator plants
 * in its customers ({@link ShopperTaste}), comes for one mission (a room and a style), lands on a
 * product of it, and reads the server's related products page after page, clicking, carting and
 * buying as {@link ShopperModel} says; everything is posted back as a storefront would, clicks
 * with the list's {@code recommendationId}. Visitors run one after another, each from its own
 * split of the seed, so a run is repeatable wherever the server's answers are (a split's
 * assignment is; an interleaving's coin is drawn per list by the server).
 *
 * <pre>
 * ShopperSimulation sim = new ShopperSimulation(new ShopClient(uri, key),
 *     ShopTraits.read(Path.of("shop/catalog.csv")), ShopperModel.DEFAULT);
 * Result r = sim.run(1000, 7, "ranker", 100, checkpoint -> System.out.println(checkpoint));
 * r.firstBetter();   // e.g. "hybrid", named significantly better at r.firstBetterAt() visitors
 * </pre>
 *
 * <p>Not thread-safe.
 */
public final class ShopperSimulation {
  private final ShopClient client;
  private final ShopTraits traits;
  private final ShopperModel model;

  public ShopperSimulation(ShopClient client, ShopTraits traits, ShopperModel model) {
    this.client = client;
    this.traits = traits;
    this.model = model;
  }

  /**
   * The experiment's state after some visitors.
   *
   * @param report the experiment as {@code GET /api/experiments} shows it
   */
  public record Checkpoint(int visitors, JsonNode report) {
    /** The model the experiment names significantly better, or null. */
    public String better() {
      JsonNode b = report.get("better");
      return b == null || b.isNull() ? null : b.asText();
    }
  }

  /**
   * A run.
   *
   * @param firstBetter the model first named significantly better at a checkpoint, or null
   * @param firstBetterAt the visitors at that checkpoint, or -1
   * @param last the state at the end
   */
  public record Result(int visitors, long pages, long clicks, long carts, long purchases,
      String firstBetter, int firstBetterAt, Checkpoint last) {}

  /**
   * Runs {@code visitors} visitors.
   *
   * @param experiment the experiment to take part in, null for the server's default
   * @param every visitors between checkpoints (the experiment's report is read at each)
   * @param checkpoints receives each checkpoint, or null
   * @throws IllegalStateException when the server refuses a request, or runs no such experiment
   */
  public Result run(int visitors, long seed, String experiment, int every,
      Consumer<Checkpoint> checkpoints) {
    return run(visitors, seed, experiment, every, false, checkpoints);
  }

  /**
   * Runs up to {@code visitors} visitors, stopping at the first checkpoint that names a model
   * better when {@code untilBetter}.
   */
  public Result run(int visitors, long seed, String experiment, int every, boolean untilBetter,
      Consumer<Checkpoint> checkpoints) {
    SplittableRandom root = new SplittableRandom(seed);
    long[] counts = new long[4];
    String firstBetter = null;
    int firstAt = -1;
    Checkpoint last = null;
    int v = 0;
    while (v < visitors && !(untilBetter && firstBetter != null)) {
      v++;
      visit("sim-" + seed + "-" + v, root.split(), experiment, counts);
      if (v % every == 0 || v == visitors) {
        last = new Checkpoint(v, report(experiment));
        if (firstBetter == null && last.better() != null) {
          firstBetter = last.better();
          firstAt = v;
        }
        if (checkpoints != null) {
          checkpoints.accept(last);
        }
      }
    }
    return new Result(v, counts[0], counts[1], counts[2], counts[3], firstBetter,
        firstAt, last);
  }

  /** The experiment's report: the one named, else the default one. */
  private JsonNode report(String experiment) {
    if (experiment != null) {
      return client.experiment(experiment);
    }
    for (JsonNode e : client.experiments().get("experiments")) {
      if (e.path("default").asBoolean()) {
        return e;
      }
    }
    throw new IllegalStateException("the server runs no experiment; start it with aisle serve "
        + "--experiment NAME=A:50,B:50, or give --experiment NAME --start DEFINITION");
  }

  private void visit(String visitor, SplittableRandom rng, String experiment, long[] counts) {
    ShopperTaste taste = ShopperTaste.draw(rng);
    ShopperTaste.Mission mission = taste.mission(rng);
    List<String> pool = traits.candidates(mission.room(), mission.style());
    String current = pool.get(rng.nextInt(pool.size()));
    client.event(visitor, current, "view", null);
    for (int page = 0; page < model.maxPages(); page++) {
      JsonNode list = client.related(current, visitor, experiment, model.k());
      counts[0]++;
      String clicked = pick(list.get("items"), taste, mission, rng);
      if (clicked == null) {
        if (rng.nextDouble() >= model.browseOn()) {
          return;
        }
        current = pool.get(rng.nextInt(pool.size()));
        client.event(visitor, current, "view", null);
        continue;
      }
      client.event(visitor, clicked, "view", list.get("recommendationId").asText());
      counts[1]++;
      ShopTraits.Traits t = traits.of(clicked);
      boolean fits = t != null && t.style().equals(mission.style())
          && t.room().equals(mission.room());
      if (rng.nextDouble() < (fits ? model.cartIfFits() : model.cartOtherwise())) {
        client.event(visitor, clicked, "cart", null);
        counts[2]++;
        if (rng.nextDouble() < model.purchaseAfterCart()) {
          client.event(visitor, clicked, "purchase", null);
          counts[3]++;
        }
      }
      current = clicked;
    }
  }

  /** The product clicked in a list read as a cascade, or null. */
  private String pick(JsonNode items, ShopperTaste taste, ShopperTaste.Mission mission,
      SplittableRandom rng) {
    List<String> ids = new ArrayList<>();
    items.forEach(i -> ids.add(i.get("id").asText()));
    for (int i = 0; i < ids.size(); i++) {
      if (i > 0 && rng.nextDouble() >= model.examine()) {
        return null;
      }
      if (rng.nextDouble() < attractiveness(traits.of(ids.get(i)), taste, mission)) {
        return ids.get(i);
      }
    }
    return null;
  }

  private double attractiveness(ShopTraits.Traits t, ShopperTaste taste,
      ShopperTaste.Mission mission) {
    if (t == null) {
      return model.base();
    }
    return model.base() + (t.style().equals(mission.style()) ? model.style() : 0)
        + (t.room().equals(mission.room()) ? model.room() : 0)
        + (taste.likesColour(t.colour()) ? model.colour() : 0);
  }
}
