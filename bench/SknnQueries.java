import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.modelfile.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Single-thread cost of a model's own queries, as the server asks them: topRelated(product, 21)
 * for random products and topNext(session, 21) for 5 random products, then every answer written
 * out, so that two jars can be compared for speed and for equal answers. Each round reports
 * the thread's CPU time per query beside the wall time: on a machine that others load, the CPU
 * time is the steadier figure. Run by
 * bench/sknn-queries.sh: {@code java -cp aisle.jar bench/SknnQueries.java MODEL IDS OUT [ROUNDS]}.
 */
public final class SknnQueries {
  private static final int QUERIES = 20_000;
  private static final int CANDIDATES = 21; // k = 20 plus the query product, as /related asks

  public static void main(String[] args) throws IOException {
    Path modelFile = Path.of(args[0]);
    List<String> ids = Files.readAllLines(Path.of(args[1]));
    Path out = Path.of(args[2]);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    long start = System.nanoTime();
    Recommender model = ModelFile.read(modelFile).model();
    System.out.printf(Locale.ROOT, "loaded %s in %.1f s%n", modelFile,
        (System.nanoTime() - start) / 1e9);
    Random random = new Random(7);
    int[] related = new int[QUERIES];
    int[][] sessions = new int[QUERIES][];
    for (int i = 0; i < QUERIES; i++) {
      related[i] = ordinal(model, ids.get(random.nextInt(ids.size())));
      sessions[i] = new int[5];
      for (int j = 0; j < 5; j++) {
        sessions[i][j] = ordinal(model, ids.get(random.nextInt(ids.size())));
      }
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      long c0 = cpu.getCurrentThreadCpuTime();
      for (int p : related) {
        sink += model.topRelated(p, CANDIDATES).get(0).product();
      }
      long t1 = System.nanoTime();
      long c1 = cpu.getCurrentThreadCpuTime();
      for (int[] s : sessions) {
        sink += model.topNext(s, CANDIDATES).get(0).product();
      }
      long t2 = System.nanoTime();
      long c2 = cpu.getCurrentThreadCpuTime();
      System.out.printf(Locale.ROOT, "round %d: topRelated %.1f us/query (CPU %.1f), topNext"
          + " (5 products) %.1f us/query (CPU %.1f)%n", r + 1, (t1 - t0) / 1e3 / QUERIES,
          (c1 - c0) / 1e3 / QUERIES, (t2 - t1) / 1e3 / QUERIES, (c2 - c1) / 1e3 / QUERIES);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      for (int p : related) {
        w.println("related " + p + ": " + answer(model.topRelated(p, CANDIDATES)));
      }
      for (int[] s : sessions) {
        w.println("next " + java.util.Arrays.toString(s) + ": "
            + answer(model.topNext(s, CANDIDATES)));
      }
    }
    System.out.println("answers in " + out + " (" + sink % 2 + ")");
  }

  private static int ordinal(Recommender model, String id) {
    int p = model.products().ordinal(id);
    if (p < 0) {
      throw new IllegalArgumentException(id + ": not a product of the model");
    }
    return p;
  }

  /** Products with their exact float scores (bits in hex), so that equal text is equal answers. */
  private static String answer(List<ScoredItem> items) {
    StringBuilder b = new StringBuilder();
    for (ScoredItem s : items) {
      b.append(s.product()).append('=').append(Integer.toHexString(Float.floatToIntBits(s.score())))
          .append(' ');
    }
    return b.toString();
  }
}
