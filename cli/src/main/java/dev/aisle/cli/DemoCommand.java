package dev.aisle.cli;

import dev.aisle.generate.GeneratorOptions;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.server.AisleServer;
import dev.aisle.server.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aisle demo}: the whole job on a generated shop, as the commands a user would type, each
 * printed before it runs; then the storefront and the dashboard.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Generate the synthetic home-fashion shop, ingest it, evaluate the algorithms "
        + "side by side on a time split (the last 7 days are the test part), train the models "
        + "to serve, and serve the storefront and the model dashboard. Stop with Ctrl-C.",
        "Each step is printed as the 'aisle' command that does it, so you can run them yourself "
            + "on your own logs. The files go to --dir (replaced on every run)."},
    footer = {"", "Examples:", "  aisle demo",
        "  aisle demo --port 9000 --dir /tmp/aisle-demo",
        "  aisle demo --products 300 --customers 1000 --no-serve   (small, and no server)"})
final class DemoCommand implements Callable<Integer> {
  /** The models the storefront serves; the first answers by default. */
  static final List<String> SERVED = List.of("hybrid", "item2vec", "cooc", "sknn");

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080",
      description = "Port of the storefront (0 for any free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (0.0.0.0 for all). Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--dir", defaultValue = "aisle-demo", paramLabel = "DIR",
      description = "Where the shop, corpus, models and report go. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Option(names = "--products", paramLabel = "N",
      defaultValue = "" + GeneratorOptions.DEFAULT_PRODUCTS,
      description = "Products in the generated catalog. Default: ${DEFAULT-VALUE}.")
  int products;

  @Option(names = "--customers", paramLabel = "N",
      defaultValue = "" + GeneratorOptions.DEFAULT_CUSTOMERS,
      description = "Customers who browse over 30 days. Default: ${DEFAULT-VALUE}.")
  int customers;

  @Option(names = "--algorithms", paramLabel = "LIST",
      defaultValue = "pop,cooc,sknn,item2vec,glove,svd,hybrid",
      description = "Algorithms the evaluation compares. Default: ${DEFAULT-VALUE}; add 'dense' "
          + "for the talk's network (minutes, not seconds, even on this small shop).")
  String algorithms;

  @Option(names = "--seed", defaultValue = "" + GeneratorOptions.DEFAULT_SEED,
      description = "Seed of the shop and of training. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--no-serve",
      description = "Prepare everything, print the 'aisle serve' command and exit.")
  boolean noServe;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Algorithm.parseList(algorithms); // fail before any work on a bad name
    long t0 = System.nanoTime();
    Path shop = dir.resolve("shop");
    Files.createDirectories(dir);
    step(out, "generate", "--products", Integer.toString(products), "--customers",
        Integer.toString(customers), "--days", Integer.toString(GeneratorOptions.DEFAULT_DAYS),
        "--seed", Long.toString(seed), "--out", shop.toString());
    step(out, "ingest", "--format", "aisle", "--catalog", catalog().toString(), "--out",
        corpus().toString(), shop.resolve("events.csv").toString());
    step(out, "evaluate", "--corpus", corpus().toString(), "--split", "last-days=7",
        "--algorithms", algorithms, "--k", "1,5,10,20", "--curve", "--seed", Long.toString(seed),
        "--json", evaluation().toString(), "--html", dir.resolve("report.html").toString());
    for (String algorithm : SERVED) {
      step(out, "train", "--corpus", corpus().toString(), "--algorithm", algorithm, "--seed",
          Long.toString(seed), "--out", model(algorithm).toString());
    }
    out.printf(Locale.ROOT, "%nprepared in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    List<String> serve = new ArrayList<>(List.of("aisle", "serve"));
    for (String algorithm : SERVED) {
      serve.addAll(List.of("--model", algorithm + "=" + model(algorithm)));
    }
    serve.addAll(List.of("--catalog", catalog().toString(), "--evaluation",
        evaluation().toString(), "--port", Integer.toString(port)));
    out.println("$ " + String.join(" ", serve));
    out.flush();
    if (noServe) {
      return AisleCommand.OK;
    }
    AisleServer server = AisleServer.start(serverOptions(port));
    String url = String.format(Locale.ROOT, "http://%s:%d/",
        host.equals("0.0.0.0") ? "127.0.0.1" : host, server.port());
    out.println();
    out.println("Aisle demo storefront: " + url);
    out.println("Model dashboard:       " + url + "dashboard");
    out.println("(Ctrl-C to stop)");
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stop.countDown();
    }));
    stop.await();
    return AisleCommand.OK;
  }

  /** How the demo serves what it prepared: every served model, the catalog and the report. */
  ServerOptions serverOptions(int listenPort) {
    List<String> models = new ArrayList<>();
    for (String algorithm : SERVED) {
      models.add(algorithm + "=" + model(algorithm));
    }
    return ServerOptions.builder(models).catalog(catalog()).host(host).port(listenPort)
        .evaluation(evaluation()).build();
  }

  private Path catalog() {
    return dir.resolve("shop").resolve("catalog.csv");
  }

  private Path corpus() {
    return dir.resolve("shop.corpus");
  }

  private Path evaluation() {
    return dir.resolve("evaluation.json");
  }

  private Path model(String algorithm) {
    return dir.resolve(algorithm + ".model");
  }

  /** Prints the command, runs it in this process and stops the demo if it fails. */
  private void step(PrintWriter out, String... args) {
    out.println();
    out.println("$ aisle " + String.join(" ", args));
    out.flush();
    CommandLine cl = AisleCommand.commandLine();
    cl.setOut(spec.commandLine().getOut());
    cl.setErr(spec.commandLine().getErr());
    int code = cl.execute(args);
    if (code != AisleCommand.OK) {
      throw new DemoStepException(args[0], code);
    }
  }

  /** A step of the demo failed; it has printed why. */
  static final class DemoStepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoStepException(String step, int code) {
      super("the demo stopped: 'aisle " + step + "' exited with code " + code);
    }
  }
}
