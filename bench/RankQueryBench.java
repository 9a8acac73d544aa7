import dev.aisle.model.Recommender;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.server.vectors.BuildProgress;
import dev.aisle.server.vectors.Demand;
import dev.aisle.server.vectors.Retrieval;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One thread's time per session query of a served model, without HTTP: {@link Retrieval#next} as
 * the server calls it for {@code /api/recommendations} (k = 20), over 500 sessions of 5 random
 * products (the sessions of serve-wrk.sh's rank row), after a warm-up; three rounds of 4 s. Prints
 * the wall time per query and the thread's CPU time per query, which other jobs on a shared
 * machine disturb less. Run by bench/rank-query.sh.
 */
public class RankQueryBench {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long load = System.nanoTime();
    Recommender model = ModelFile.read(file).model();
    System.out.printf(Locale.ROOT, "read %s in %.1f s: %s%n", file,
        (System.nanoTime() - load) / 1e9, model);
    int products = model.products().size();
    SplittableRandom random = new SplittableRandom(11);
    int[][] sessions = new int[500][];
    for (int i = 0; i < sessions.length; i++) {
      sessions[i] = random.ints(5, 0, products).toArray();
    }
    Retrieval served = Retrieval.load("bench", file, "bench", model, Integer.MAX_VALUE, 0,
        BuildProgress.NONE);
    Demand demand = new Demand(20, 0, false);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String round : new String[] {"warm-up", "1", "2", "3"}) {
      long start = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      int queries = 0;
      while (System.nanoTime() - start < 4_000_000_000L) {
        served.next(sessions[queries++ % sessions.length], demand);
      }
      System.out.printf(Locale.ROOT, "round %s: %.3f ms per query, %.3f ms of CPU (%d queries)%n",
          round, (System.nanoTime() - start) / 1e6 / queries,
          (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / queries, queries);
    }
  }
}
