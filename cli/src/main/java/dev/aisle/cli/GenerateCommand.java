package dev.aisle.cli;

import dev.aisle.generate.GeneratorOptions;
import dev.aisle.generate.GeneratorResult;
import dev.aisle.generate.StoreGenerator;
import dev.aisle.ingest.LineSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aisle generate}: a seeded synthetic home-fashion shop. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Generate a seeded synthetic home-fashion shop: a catalog (catalog.csv) with "
        + "readable names, categories, styles, colours, rooms and prices, an SVG image per "
        + "category and colour (images/), and a browse log (events.csv, Aisle's default format) "
        + "whose sessions follow planted tastes for style, colour and room.",
        "The same options give the same bytes. The log grows with customers and days: about "
            + "25 events per customer over 30 days, 70 over 90 days, so 10M events take about "
            + "143,000 customers over 90 days (a few seconds)."},
    footer = {"", "Examples:",
        "  aisle generate --products 2000 --customers 5000 --seed 7 --out shop",
        "  aisle ingest --catalog shop/catalog.csv --out shop.corpus shop/events.csv",
        "  aisle generate --products 50000 --customers 143000 --days 90 --out big",
        "  (the last writes about 10M events, 410 MB, in a few seconds)"})
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
      description = "The shop folder to write (created if missing; its files are replaced).")
  Path out;

  @Option(names = "--products", paramLabel = "N",
      defaultValue = "" + GeneratorOptions.DEFAULT_PRODUCTS,
      description = "Products in the catalog. Default: ${DEFAULT-VALUE}.")
  int products;

  @Option(names = "--customers", paramLabel = "N",
      defaultValue = "" + GeneratorOptions.DEFAULT_CUSTOMERS,
      description = "Customers who browse; each has at least one session. "
          + "Default: ${DEFAULT-VALUE}.")
  int customers;

  @Option(names = "--days", paramLabel = "N", defaultValue = "" + GeneratorOptions.DEFAULT_DAYS,
      description = "Length of the browse period in days. Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + GeneratorOptions.DEFAULT_SEED,
      description = "Seed of every random choice. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--start", paramLabel = "DATE", defaultValue = "2026-01-05",
      description = "First day of the period (UTC), e.g. 2026-01-05. Default: ${DEFAULT-VALUE}.")
  LocalDate start;

  @Option(names = "--mean-session-length", paramLabel = "X",
      defaultValue = "" + GeneratorOptions.DEFAULT_MEAN_SESSION_LENGTH,
      description = "Mean events per session (heavy-tailed, at least 1). "
          + "Default: ${DEFAULT-VALUE}.")
  double meanSessionLength;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    GeneratorOptions options = new GeneratorOptions(products, customers, days, seed, start,
        meanSessionLength);
    long started = System.nanoTime();
    GeneratorResult shop;
    try (Progress progress = Progress.start("Generating", customers, "k customers", 1000)) {
      shop = StoreGenerator.generate(options, this.out, progress.listener());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(Locale.ROOT, "generated %,d events (%,d cart) in %,d sessions of %,d customers "
        + "over %d days from %s; %,d products%n", shop.events(), shop.carts(), shop.sessions(),
        shop.customers(), days, start, shop.products());
    out.printf(Locale.ROOT, "took %.1f s (%,.0f events/s)%n", seconds,
        shop.events() / Math.max(seconds, 1e-9));
    out.printf(Locale.ROOT, "wrote %s (%s), %s (%s), %d images in %s%n", shop.eventsFile(),
        Sizes.human(shop.eventBytes()), shop.catalogFile(),
        Sizes.human(LineSource.sizeOf(shop.catalogFile())), shop.images(), shop.imagesDir());
    out.printf(Locale.ROOT, "next: aisle ingest --catalog %s --out shop.corpus %s%n",
        shop.catalogFile(), shop.eventsFile());
    return AisleCommand.OK;
  }
}
