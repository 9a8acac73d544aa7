package dev.aisle.server.vectors;

import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.parallel.Parallel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model that computes its answers per query (session kNN), its related products looked up in
 * lists that its own {@link Recommender#topRelated} computed once for every product and that are
 * saved beside the model file ({@link SavedIndexes}): the same answers as asking the model, at the
 * cost of a lookup. A session query, or a request for more candidates than a list holds, is
 * answered by the model.
 *
 * <p>A list holds the products of positive score, best first, at most {@link #LENGTH}; one that
 * is shorter holds all of them, and the model pads its answer with the most popular other
 * products at score 0 (the lowest ordinals), which {@link #related} does likewise.
 *
 * <p>Thread-safe as the model is.
 */
final class ListedRelated implements Retrieval {
  /** Products kept per list, as for an embedding model's neighbour lists. */
  static final int LENGTH = ListedRetrieval.NEIGHBOURS;
  private static final int BLOCK = 1024;

  private final ModelScores model;
  private final NeighbourLists lists;
  private final int size;

  private ListedRelated(Recommender model, NeighbourLists lists) {
    this.model = new ModelScores(model);
    this.lists = lists;
    this.size = model.products().size();
  }

  /** The lists from {@code saved}, computed on every core where they are not saved yet. */
  static ListedRelated of(SavedIndexes saved, Recommender model) {
    int size = model.products().size();
    String step = saved.name() + ": related lists";
    NeighbourLists lists = saved.neighbourLists("related-" + model.algorithm(), size, LENGTH,
        () -> compute(model, LENGTH, Runtime.getRuntime().availableProcessors(),
            saved.progress(), step));
    return new ListedRelated(model, lists);
  }

  /**
   * Asks the model for every product's {@code length} related products and keeps those of
   * positive score.
   *
   * @param progress told the products done as blocks of them finish, under {@code step}
   */
  static NeighbourLists compute(Recommender model, int length, int threads,
      BuildProgress progress, String step) {
    int size = model.products().size();
    int[] ids = new int[size * length];
    float[] scores = new float[size * length];
    Arrays.fill(ids, -1);
    int blocks = (size + BLOCK - 1) / BLOCK;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Parallel.run(threads, worker -> {
      for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
        for (int p = b * BLOCK; p < Math.min(size, (b + 1) * BLOCK); p++) {
          int i = p * length;
          for (ScoredItem s : model.topRelated(p, length)) {
            if (s.score() > 0) {
              ids[i] = s.product();
              scores[i++] = s.score();
            }
          }
        }
        progress.report(step, Math.min(size, (long) done.incrementAndGet() * BLOCK), size);
      }
    });
    return NeighbourLists.of(size, length, ids, scores);
  }

  @Override
  public List<ScoredItem> related(int product, Demand demand) {
    int want = Math.min(size, demand.candidates());
    if (want > lists.length()) {
      return model.related(product, demand);
    }
    List<ScoredItem> out = lists.nearest(product, want);
    int listed = out.size();
    for (int p = 0; p < size && out.size() < want; p++) {
      if (!listed(out, listed, p)) {
        out.add(new ScoredItem(p, 0f));
      }
    }
    return out;
  }

  private static boolean listed(List<ScoredItem> out, int listed, int product) {
    for (int i = 0; i < listed; i++) {
      if (out.get(i).product() == product) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<ScoredItem> next(int[] session, Demand demand) {
    return model.next(session, demand);
  }

  @Override
  public boolean neighbourLists() {
    return true;
  }
}
