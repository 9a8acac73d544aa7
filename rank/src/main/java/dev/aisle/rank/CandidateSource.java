package dev.aisle.rank;

import dev.aisle.linalg.VectorMath;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.SparseRecommender;
import dev.aisle.model.SparseScores;
import dev.aisle.model.TopK;
import dev.aisle.model.pop.PopularityModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the ranker asks one candidate model about a session: the model's top {@code n} and its
 * score of any product, by the cheapest way the model has. For every model but the embeddings,
 * both are bit for bit what {@link Recommender#scoreNext} and {@link TopK} give; an embedding
 * model's top {@code n} is taken from a pool instead of the whole catalog:
 *
 * <table>
 *   <caption>Ways of asking</caption>
 *   <tr><th>model</th><th>top n</th><th>score of a candidate</th></tr>
 *   <tr><td>sparse (cooc, sknn)</td><td colspan="2">the products the query touches
 *       ({@link SparseRecommender#sparseNext}); 0 for the others</td></tr>
 *   <tr><td>embedding (item2vec, svd)</td><td>the best by the session query ({@link
 *       EmbeddingModel#sessionQuery}) of a pool: the session's last {@link #POOL_ANCHORS}
 *       distinct products and their {@link CosineNeighbours} (as many as {@code n}
 *       each)</td><td>the dot product of its unit vector with the query</td></tr>
 *   <tr><td>popularity</td><td>its own top list (the first products of the last product's
 *       category, then the first others)</td><td>its score of the product</td></tr>
 *   <tr><td>others</td><td colspan="2">every product's score, in a buffer of the calling
 *       thread</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
abstract class CandidateSource {
  /** The latest distinct products of a session whose neighbours make an embedding's pool. */
  static final int POOL_ANCHORS = 3;

  /**
   * A model's answer to one session.
   *
   * @param top the model's best {@code n} products, best first
   * @param scores the model's score of any product as the next one
   */
  record Answer(List<ScoredItem> top, ProductScores scores) {}

  /** A model's scores of the products for one session. */
  @FunctionalInterface
  interface ProductScores {
    float of(int product);

    /** The scores of {@code products[0, count)} into {@code out}, for all of them at once. */
    default void of(int[] products, int count, float[] out) {
      for (int i = 0; i < count; i++) {
        out[i] = of(products[i]);
      }
    }
  }

  /**
   * One thread's buffers for one source's answers, reused query after query: a score per
   * product for a model that scores every product, a sparse map for one that touches few.
   */
  static final class Buffers {
    final float[] dense;
    final SparseScores sparse;
    /** What warming loads read (see {@link Pooled}): kept so that the JIT keeps the loads. */
    float touched;

    private Buffers(float[] dense, SparseScores sparse) {
      this.dense = dense;
      this.sparse = sparse;
    }
  }

  /**
   * The answer to {@code session}, valid until the next call with the same {@code buffers}.
   *
   * @param latest the session's last distinct products, latest first ({@link
   *     RankFeatures#anchors}), at least {@link #POOL_ANCHORS} of them when it has that many:
   *     computed once per query for every source
   */
  abstract Answer answer(int[] session, int[] latest, int n, Buffers buffers);

  /** Buffers for {@link #answer}, for a catalog of {@code products}; one set per thread. */
  Buffers buffers(int products) {
    return new Buffers(null, null);
  }

  /** The way to ask {@code model}: an embedding model from its {@code neighbours}. */
  static CandidateSource of(Recommender model, CosineNeighbours neighbours) {
    if (model instanceof SparseRecommender s) {
      return new Sparse(s);
    }
    if (model instanceof EmbeddingModel e) {
      return new Pooled(e, neighbours);
    }
    if (model instanceof PopularityModel p) {
      return new Popular(p);
    }
    return new Dense(model);
  }

  private static final class Sparse extends CandidateSource {
    private final SparseRecommender model;

    Sparse(SparseRecommender model) {
      this.model = model;
    }

    @Override
    Buffers buffers(int products) {
      return new Buffers(null, new SparseScores(1024));
    }

    @Override
    Answer answer(int[] session, int[] latest, int n, Buffers buffers) {
      SparseScores scores = buffers.sparse;
      scores.clear();
      model.sparseNext(session, scores);
      List<ScoredItem> top = scores.top(n, model.products().size());
      return new Answer(top, scores::get);
    }
  }

  private static final class Pooled extends CandidateSource {
    /** Floats in a 64-byte cache line. */
    private static final int FLOATS_PER_LINE = 16;
    private final EmbeddingModel model;
    private final CosineNeighbours neighbours;
    private final float[] unit;
    private final int dim;

    Pooled(EmbeddingModel model, CosineNeighbours neighbours) {
      this.model = model;
      this.neighbours = neighbours;
      this.unit = model.unitVectors();
      this.dim = model.dim();
    }

    @Override
    Answer answer(int[] session, int[] latest, int n, Buffers buffers) {
      float[] query = model.sessionQuery(session);
      int anchors = Math.min(latest.length, POOL_ANCHORS);
      int each = Math.min(n, neighbours.length());
      int[] pool = new int[anchors * (each + 1)];
      int size = 0;
      for (int x = 0; x < anchors; x++) {
        int a = latest[x];
        pool[size++] = a;
        for (int i = 0; i < each && neighbours.neighbour(a, i) >= 0; i++) {
          pool[size++] = neighbours.neighbour(a, i);
        }
      }
      Arrays.sort(pool, 0, size);
      int distinct = 0;
      for (int i = 0; i < size; i++) {
        if (i == 0 || pool[i] != pool[i - 1]) {
          pool[distinct++] = pool[i];
        }
      }
      RowScores scores = new RowScores(query, buffers);
      float[] poolScores = new float[distinct];
      scores.of(pool, distinct, poolScores);
      long[] packed = new long[distinct];
      for (int i = 0; i < distinct; i++) {
        packed[i] = TopK.pack(poolScores[i], pool[i]);
      }
      int best = TopK.selectPacked(packed, distinct, n); // as TopK: ties to the lower ordinal
      List<ScoredItem> top = new ArrayList<>(best);
      for (int i = 0; i < best; i++) {
        top.add(new ScoredItem(TopK.packedId(packed[i]), TopK.packedScore(packed[i])));
      }
      return new Answer(top, scores);
    }

    /**
     * The dot products of the products' unit vectors with a session's query. Rows of products
     * far apart in an array of tens of megabytes miss the cache; scoring many at once first
     * touches every cache line of every row, so that the misses overlap instead of stalling
     * each dot product in turn (as session-kNN warms its sessions).
     */
    private final class RowScores implements ProductScores {
      private final float[] query;
      private final Buffers buffers;

      RowScores(float[] query, Buffers buffers) {
        this.query = query;
        this.buffers = buffers;
      }

      @Override
      public float of(int product) {
        return VectorMath.dot(query, 0, unit, product * dim, dim);
      }

      @Override
      public void of(int[] products, int count, float[] out) {
        float touched = 0;
        for (int i = 0; i < count; i++) {
          int from = products[i] * dim;
          for (int x = from; x < from + dim; x += FLOATS_PER_LINE) {
            touched += unit[x];
          }
        }
        buffers.touched += touched;
        for (int i = 0; i < count; i++) {
          out[i] = of(products[i]);
        }
      }
    }
  }

  private static final class Popular extends CandidateSource {
    private final PopularityModel model;

    Popular(PopularityModel model) {
      this.model = model;
    }

    @Override
    Answer answer(int[] session, int[] latest, int n, Buffers buffers) {
      int last = session[session.length - 1];
      List<ScoredItem> top = model.topNext(session, n);
      return new Answer(top, product -> model.score(last, product));
    }
  }

  private static final class Dense extends CandidateSource {
    private final Recommender model;

    Dense(Recommender model) {
      this.model = model;
    }

    @Override
    Buffers buffers(int products) {
      return new Buffers(new float[products], null);
    }

    @Override
    Answer answer(int[] session, int[] latest, int n, Buffers buffers) {
      float[] dense = buffers.dense;
      model.scoreNext(session, dense);
      List<ScoredItem> top = TopK.select(dense, Math.min(n, dense.length), null);
      return new Answer(top, product -> dense[product]);
    }
  }
}
