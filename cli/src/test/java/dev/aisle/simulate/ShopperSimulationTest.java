package dev.aisle.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.server.AisleServer;
import dev.aisle.server.ServerOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated shoppers against a real server: popularity against hybrid must be told apart, one
 * model against itself must not be (a few seeded runs; bench/experiment-simulation.sh runs many).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopperSimulationTest {
  private static final String KEY = "sim-key";
  @TempDir static Path dir;
  private AisleServer server;
  private ShopperSimulation simulation;
  private ShopClient client;

  @BeforeAll
  void start() {
    Corpus corpus = TestShops.shop(dir.resolve("shop"), 400, 1500, 11);
    Path pop = train(corpus, Algorithm.POP, "pop.model");
    Path hybrid = train(corpus, Algorithm.HYBRID, "hybrid.model", "item2vec.epochs=3");
    server = AisleServer.start(ServerOptions.builder(List.of("pop=" + pop, "hybrid=" + hybrid))
        .catalog(dir.resolve("shop/catalog.csv")).port(0).apiKey(KEY).neighbourListMax(0)
        .build());
    client = new ShopClient(URI.create("http://127.0.0.1:" + server.port()), KEY);
    simulation = new ShopperSimulation(client, ShopTraits.read(dir.resolve("shop/catalog.csv")),
        ShopperModel.DEFAULT);
  }

  private static Path train(Corpus corpus, Algorithm a, String file, String... params) {
    Algorithm.Training t = a.prepare(Params.parse(List.of(params)));
    Recommender m = t.train(corpus, new TrainContext(1, 2, null, null));
    Path f = dir.resolve(file);
    ModelFile.write(m, ModelFile.info(m, t, 1, 2, CorpusFile.checksum(corpus),
        corpus.eventCount()), f);
    return f;
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private ShopperSimulation.Result run(String name, String definition, int visitors, long seed) {
    client.startExperiment(name, definition);
    ShopperSimulation.Result r = simulation.run(visitors, seed, name, 50, null);
    System.out.printf("%s (%s), seed %d: better %s first at %d visitors; %d lists, %d clicks, "
        + "%d carts, %d purchases%n", name, definition, seed, r.firstBetter(), r.firstBetterAt(),
        r.pages(), r.clicks(), r.carts(), r.purchases());
    return r;
  }

  @Test
  void an_ab_split_names_hybrid_better_than_popularity() {
    ShopperSimulation.Result r = run("ab", "pop:50,hybrid:50", 600, 1);
    assertThat(r.last().better()).isEqualTo("hybrid");
    assertThat(r.firstBetter()).isEqualTo("hybrid");
  }

  @Test
  void interleaving_names_hybrid_better_with_fewer_visitors() {
    ShopperSimulation.Result r = run("mix", "interleave:pop,hybrid", 200, 1);
    assertThat(r.last().better()).isEqualTo("hybrid");
    assertThat(r.firstBetterAt()).isLessThanOrEqualTo(200);
  }

  @Test
  void one_model_against_itself_is_not_called_different() {
    int falsePositives = 0;
    int runs = 0;
    for (long seed = 1; seed <= 4; seed++) {
      for (String definition : List.of("hybrid:50,hybrid:50", "interleave:hybrid,hybrid")) {
        ShopperSimulation.Result r = run("aa-" + seed + "-" + runs, definition, 200, seed);
        runs++;
        if (r.last().better() != null) {
          falsePositives++;
        }
      }
    }
    // at a 5% level, 2 or more false positives in 8 runs happen 5.7% of the time; 3 or more,
    // 0.6%: more than 2 means the tests are not what they claim
    assertThat(falsePositives).isLessThanOrEqualTo(2);
  }
}
