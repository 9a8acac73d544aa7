package dev.aisle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisle.simulate.ShopClient;
import dev.aisle.simulate.ShopTraits;
import dev.aisle.simulate.ShopperModel;
import dev.aisle.simulate.ShopperSimulation;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aisle simulate}: simulated shoppers against a running server's experiment. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Send simulated shoppers to a running 'aisle serve' and watch its experiment. "
        + "Shoppers have the tastes the generated shop's customers have (style, colours, "
        + "rooms), come for a room and a style, read related products top down and click, "
        + "add to cart and buy what fits; every click carries the list's recommendationId. "
        + "Prints the experiment's state every --every visitors and the visitors after which "
        + "it first named a model significantly better."},
    footer = {"", "Examples:",
        "  aisle serve --model pop=pop.model --model hybrid=hybrid.model --catalog shop/catalog.csv "
            + "--experiment ranker=pop:50,hybrid:50 &",
        "  aisle simulate --serve http://127.0.0.1:8080 --catalog shop/catalog.csv "
            + "--visitors 2000 --seed 1",
        "  aisle simulate --serve http://127.0.0.1:8080 --catalog shop/catalog.csv "
            + "--experiment aa --start hybrid:50,hybrid:50 --visitors 300 --runs 100"})
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--serve", required = true, paramLabel = "URL",
      description = "The server, e.g. http://127.0.0.1:8080.")
  URI serve;

  @Option(names = "--catalog", required = true, paramLabel = "FILE",
      description = "The catalog.csv 'aisle generate' wrote for the served shop (its style, "
          + "colour and room columns are what shoppers judge by).")
  Path catalog;

  @Option(names = "--visitors", paramLabel = "N", defaultValue = "1000",
      description = "Visitors to send. Default: ${DEFAULT-VALUE}.")
  int visitors;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of the shoppers' tastes and choices; visitor ids are sim-SEED-N. "
          + "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--experiment", paramLabel = "NAME",
      description = "The experiment to take part in. Default: the server's default one.")
  String experiment;

  @Option(names = "--start", paramLabel = "DEFINITION",
      description = "Start --experiment first with this definition (A:50,B:50 or "
          + "interleave:A,B), through the admin API (needs the API key).")
  String start;

  @Option(names = "--runs", paramLabel = "R", defaultValue = "1",
      description = "Repeat with seeds SEED..SEED+R-1, each in a new experiment NAME-SEED "
          + "started with --start and ended after its run; prints how many runs named a model "
          + "better and after how many visitors. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--until-significant",
      description = "Stop a run at the first look that names a model significantly better.")
  boolean untilSignificant;

  @Option(names = "--every", paramLabel = "N", defaultValue = "100",
      description = "Visitors between two looks at the experiment. Default: ${DEFAULT-VALUE}.")
  int every;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "The server's API key; default: the AISLE_API_KEY environment variable.")
  String apiKey = System.getenv("AISLE_API_KEY");

  @Override
  public Integer call() {
    if (visitors < 1 || every < 1) {
      throw new IllegalArgumentException("--visitors and --every must be >= 1, were "
          + visitors + " and " + every);
    }
    if (start != null && experiment == null) {
      throw new IllegalArgumentException("--start needs --experiment NAME");
    }
    if (runs < 1 || (runs > 1 && start == null)) {
      throw new IllegalArgumentException("--runs must be >= 1, and more than one run needs "
          + "--experiment NAME --start DEFINITION (each run starts NAME-SEED)");
    }
    PrintWriter out = spec.commandLine().getOut();
    ShopClient client = new ShopClient(serve, apiKey);
    ShopperSimulation sim = new ShopperSimulation(client, ShopTraits.read(catalog),
        ShopperModel.DEFAULT);
    if (runs == 1) {
      if (start != null) {
        client.startExperiment(experiment, start);
      }
      ShopperSimulation.Result r = sim.run(visitors, seed, experiment, every, untilSignificant,
          c -> {
        out.println(String.format(Locale.ROOT, "%,8d visitors  %s", c.visitors(),
            summary(c.report())));
        out.flush();
      });
      out.println(String.format(Locale.ROOT, "%,d visitors saw %,d lists: %,d clicks, %,d "
          + "carts, %,d purchases", r.visitors(), r.pages(), r.clicks(), r.carts(),
          r.purchases()));
      out.println(r.firstBetter() == null
          ? "better: none (no significant difference after " + r.visitors() + " visitors)"
          : "better: " + r.firstBetter() + " (first significant after " + r.firstBetterAt()
              + " visitors; at the end: " + (r.last().better() == null ? "none"
                  : r.last().better()) + ")");
      return AisleCommand.OK;
    }
    List<Integer> firstAt = new ArrayList<>();
    Map<String, Integer> finals = new TreeMap<>();
    for (int i = 0; i < runs; i++) {
      long s = seed + i;
      String name = experiment + "-" + s;
      client.startExperiment(name, start);
      ShopperSimulation.Result r = sim.run(visitors, s, name, every, untilSignificant, null);
      client.endExperiment(name);
      String verdict = r.last().better() == null ? "none" : r.last().better();
      finals.merge(verdict, 1, Integer::sum);
      if (r.firstBetter() != null) {
        firstAt.add(r.firstBetterAt());
      }
      out.println(String.format(Locale.ROOT, "run %d (seed %d): %s; at the end better: %s%s",
          i + 1, s, summary(r.last().report()).replaceAll("  better: .*", ""), verdict,
          r.firstBetter() == null ? "" : "; first " + r.firstBetter() + " after "
              + r.firstBetterAt() + " visitors"));
      out.flush();
    }
    Collections.sort(firstAt);
    out.println(String.format(Locale.ROOT, "runs: %d of %d visitors each (%s); at the end "
        + "better: %s", runs, visitors, start, finals));
    if (!firstAt.isEmpty()) {
      out.println(String.format(Locale.ROOT, "first significant after visitors (checked every "
          + "%d): median %d, 90th percentile %d, in %d of %d runs", every,
          firstAt.get((firstAt.size() - 1) / 2),
          firstAt.get((int) Math.ceil(0.9 * firstAt.size()) - 1), firstAt.size(), runs));
    }
    return AisleCommand.OK;
  }

  /** One line: per arm CTR, or interleaving's share, the p-value and the verdict. */
  static String summary(JsonNode e) {
    StringBuilder sb = new StringBuilder();
    if (e.get("mode").asText().equals("split")) {
      for (JsonNode v : e.get("variants")) {
        JsonNode ctr = v.get("ctr");
        sb.append(String.format(Locale.ROOT, "%s ctr %s [%s, %s]  ", v.get("model").asText(),
            number(ctr.get("value")), number(ctr.get("low")), number(ctr.get("high"))));
      }
      sb.append("p ").append(number(e.get("comparisons").get(0).get("ctr").get("p")));
    } else {
      JsonNode w = e.get("listsWon");
      sb.append(String.format(Locale.ROOT, "clicks %s/%s  %s wins %s of lists [%s, %s]  p %s",
          e.get("clicks").get(0), e.get("clicks").get(1), w.get("model").asText(),
          number(w.get("value")), number(w.get("low")), number(w.get("high")),
          number(w.get("p"))));
    }
    sb.append("  better: ").append(e.get("better").isNull() ? "none" : e.get("better").asText());
    return sb.toString();
  }

  private static String number(JsonNode n) {
    return n == null || n.isNull() ? "-" : String.format(Locale.ROOT, "%.4f", n.asDouble());
  }
}
