package dev.aisle.server.recommend;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.fresh.FreshIndex;
import dev.aisle.model.sknn.SknnModel;
import dev.aisle.model.sknn.SknnOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session-kNN's index of the fresh sessions: a {@link SknnModel} with the served model's options,
 * trained on the {@link FreshIndex}'s completed sessions, so a served session-kNN model finds
 * neighbours among the sessions since it was trained as well as among its own. The fresh index
 * is built without idf (a few hundred recent sessions give no useful document frequencies: a new
 * product in all of them would weigh 0); its votes are weighted instead by the served model's
 * mean idf of the query's products, the factor the model's own similarities carry. Rebuilt in
 * the background when sessions were folded in (at most once a second); queries use the last one
 * built, never wait for one.
 *
 * <p>Thread-safe.
 */
final class FreshSessionKnn {
  private static final Logger LOG = LoggerFactory.getLogger(FreshSessionKnn.class);
  private static final long REBUILD_MILLIS = 1000;

  /** A built index and the fold count it reflects. */
  private record Built(SknnModel model, long folded, long at) {}

  private final FreshIndex index;
  private final Map<SknnOptions, AtomicReference<Built>> built = new HashMap<>();
  private final AtomicBoolean building = new AtomicBoolean();
  private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "aisle-fresh-sknn");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    return t;
  });

  FreshSessionKnn(FreshIndex index) {
    this.index = index;
  }

  /**
   * The next-product votes of the fresh sessions for {@code session} (product ids, oldest first),
   * by product id, scored as {@code options} score; empty before the first index is built.
   */
  Map<String, Float> votes(SknnModel served, List<String> session) {
    SknnOptions o = served.options();
    SknnModel fresh = current(new SknnOptions(o.neighbours(), o.sample(), o.weighting(),
        o.lambda1(), o.lambda2(), o.lambda3(), false, o.normalize(), o.forwardOnly()));
    if (fresh == null) {
      return Map.of();
    }
    ProductIndex products = fresh.products();
    int[] query = session.stream().mapToInt(products::ordinal).filter(p -> p >= 0).toArray();
    if (query.length == 0) {
      return Map.of();
    }
    float[] scores = new float[products.size()];
    fresh.scoreNext(query, scores);
    float scale = o.idf() ? idfOf(served, session) : 1;
    Map<String, Float> out = new HashMap<>();
    for (int p = 0; p < scores.length; p++) {
      if (scores[p] > 0) {
        out.put(products.id(p), scores[p] * scale);
      }
    }
    return out;
  }

  /** The served model's mean idf of the session's products it knows; log(N) (rarest) if none. */
  private static float idfOf(SknnModel served, List<String> session) {
    double sum = 0;
    int n = 0;
    double rarest = 0;
    for (String id : session) {
      int p = served.products().ordinal(id);
      if (p >= 0) {
        sum += served.idf(p);
        n++;
      }
    }
    for (int p = 0; n == 0 && p < served.products().size(); p++) {
      rarest = Math.max(rarest, served.idf(p));
    }
    return (float) (n > 0 ? sum / n : rarest);
  }

  private SknnModel current(SknnOptions options) {
    AtomicReference<Built> ref;
    synchronized (built) {
      ref = built.computeIfAbsent(options, o -> new AtomicReference<>());
    }
    Built b = ref.get();
    long folded = index.folded();
    long now = System.currentTimeMillis();
    if ((b == null || b.folded() != folded) && (b == null || now - b.at() >= REBUILD_MILLIS)
        && building.compareAndSet(false, true)) {
      builder.execute(() -> {
        try {
          FreshIndex.Snapshot s = index.snapshot();
          if (s.corpus().sessionCount() > 0) {
            ref.set(new Built(SknnModel.train(s.corpus(), options), s.folded(),
                System.currentTimeMillis()));
          }
        } catch (RuntimeException e) {
          LOG.warn("cannot index the fresh sessions for session-kNN: {}", e.getMessage());
        } finally {
          building.set(false);
        }
      });
    }
    return b == null ? null : b.model();
  }
}
