package dev.aisle.spark.item2vec;

import dev.aisle.catalog.Catalog;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.model.item2vec.Item2VecModel;
import dev.aisle.model.item2vec.Item2VecOptions;
import dev.aisle.model.item2vec.Item2VecTrainer;
import dev.aisle.spark.session.Sessions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * item2vec with Aisle's own trainer on every partition, the partitions' updates combined between
 * rounds. Each round broadcasts the vectors; each partition trains its sessions with {@link
 * Item2VecTrainer#trainRound} for its share of the epochs (one thread, its part's own counts for
 * subsampling and noise, the learning rate continuing the global linear schedule); the driver then
 * combines what each partition changed:
 *
 * <ul>
 *   <li>{@link Combine#SUM} (default) adds every partition's update, as if the partitions had run
 *       one after the other on the same vectors (synchronous SGD with one round of staleness;
 *       the shared-memory counterpart is Hogwild);
 *   <li>{@link Combine#MEAN} is parameter averaging (McDonald et al., "Distributed training
 *       strategies for the structured perceptron", 2010; Spark ML's Word2Vec averages the same
 *       way): each row moves by the mean update of the partitions that changed it.
 * </ul>
 *
 * On the yoochoose-100k validation pair with two partitions and 50 epochs, adding gives the HR@20
 * of the embedded trainer (.6115 against .6100) where averaging loses six points (.5499): it
 * divides the learning rate of every product seen in several partitions by their number.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>here</th><th>meaning</th></tr>
 *   <tr><td>the {@link Item2VecOptions}</td><td>as the embedded trainer: dim, window, negative,
 *       sample, alpha, min-alpha, epochs</td></tr>
 *   <tr><td>{@code rounds}</td><td>how often updates are combined (at most once per epoch);
 *       each round costs a broadcast and a reduce of 2 x products x dim floats</td></tr>
 *   <tr><td>{@code partitions}</td><td>how many parts train at once (Spark's default
 *       parallelism)</td></tr>
 * </table>
 *
 * <p>With one partition this is the embedded trainer with one thread, run in rounds.
 */
public final class PartitionedItem2Vec {
  private PartitionedItem2Vec() {}

  /** A partition's update: summed row changes and how many partitions touched each row. */
  private static final class Update implements Serializable {
    private static final long serialVersionUID = 1L;
    final float[] in;
    final float[] out;
    final int[] inTouched;
    final int[] outTouched;

    Update(float[] in, float[] out, int[] inTouched, int[] outTouched) {
      this.in = in;
      this.out = out;
      this.inTouched = inTouched;
      this.outTouched = outTouched;
    }

    static Update add(Update a, Update b) {
      if (a == null) {
        return b;
      }
      if (b == null) {
        return a;
      }
      for (int i = 0; i < a.in.length; i++) {
        a.in[i] += b.in[i];
        a.out[i] += b.out[i];
      }
      for (int p = 0; p < a.inTouched.length; p++) {
        a.inTouched[p] += b.inTouched[p];
        a.outTouched[p] += b.outTouched[p];
      }
      return a;
    }
  }

  /** How the partitions' updates are combined after each round. */
  public enum Combine {
    /** Add them all. */
    SUM,
    /** Move each row by the mean update of the partitions that changed it. */
    MEAN
  }

  /**
   * Trains on the cleaned sessions.
   *
   * @param rounds combining rounds, 1 to {@code options.epochs()}
   * @param partitions parts trained at once, at least 1
   */
  public static Item2VecModel train(Sessions sessions, Item2VecOptions options, long seed,
      int rounds, int partitions, Combine combine) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    if (rounds < 1 || rounds > options.epochs()) {
      throw new IllegalArgumentException("rounds must be in 1.." + options.epochs()
          + " (the epochs), was " + rounds);
    }
    ProductIndex products = sessions.products();
    int n = products.size();
    int dim = options.dim();
    String[] ids = new String[n];
    for (int p = 0; p < n; p++) {
      ids[p] = products.id(p);
    }
    JavaRDD<int[]> items = sessions.items();
    if (items.getNumPartitions() != partitions) {
      items = items.repartition(partitions);
    }
    items = items.persist(StorageLevel.MEMORY_AND_DISK());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(items.context());
    Broadcast<String[]> idsB = jsc.broadcast(ids);
    Settings settings = new Settings(options);
    float[] in = Item2VecTrainer.initialVectors(n, dim, seed);
    float[] out = new float[n * dim];
    int epochs = options.epochs();
    for (int r = 0; r < rounds; r++) {
      int doneBefore = (int) ((long) epochs * r / rounds);
      int doneAfter = (int) ((long) epochs * (r + 1) / rounds);
      double from = 1 - doneBefore / (double) epochs;
      double to = 1 - doneAfter / (double) epochs;
      int roundEpochs = doneAfter - doneBefore;
      long roundSeed = seed * 0x9E3779B97F4A7C15L + r;
      Broadcast<float[][]> weights = jsc.broadcast(new float[][] {in, out});
      Update u = items.mapPartitionsWithIndex((part, it) -> trainPart(part, it, settings,
          idsB.value(), weights.value(), roundEpochs, roundSeed, from, to), false)
          .reduce(Update::add);
      weights.destroy();
      if (u == null) {
        continue;
      }
      boolean sum = combine == Combine.SUM;
      for (int p = 0; p < n; p++) {
        float inScale = u.inTouched[p] == 0 ? 0 : sum ? 1f : 1f / u.inTouched[p];
        float outScale = u.outTouched[p] == 0 ? 0 : sum ? 1f : 1f / u.outTouched[p];
        for (int i = p * dim; i < p * dim + dim; i++) {
          in[i] += u.in[i] * inScale;
          out[i] += u.out[i] * outScale;
        }
      }
    }
    items.unpersist();
    idsB.destroy();
    return Item2VecModel.of(products, options, in);
  }

  private static Iterator<Update> trainPart(int part, Iterator<int[]> it, Settings settings,
      String[] ids, float[][] weights, int epochs, long seed, double from, double to) {
    List<int[]> sessions = new ArrayList<>();
    int events = 0;
    while (it.hasNext()) {
      int[] s = it.next();
      sessions.add(s);
      events += s.length;
    }
    if (events == 0) {
      return java.util.Collections.emptyIterator();
    }
    int n = ids.length;
    int dim = settings.dim();
    int[] counts = new int[n];
    int[] offsets = new int[sessions.size() + 1];
    int[] items = new int[events];
    int pos = 0;
    for (int s = 0; s < sessions.size(); s++) {
      offsets[s] = pos;
      for (int p : sessions.get(s)) {
        items[pos++] = p;
        counts[p]++;
      }
    }
    offsets[sessions.size()] = pos;
    int[] noCustomer = new int[sessions.size()];
    java.util.Arrays.fill(noCustomer, -1);
    Corpus corpus = Corpus.of(new ProductIndex(ids, counts), new String[0],
        new String[] {"view"}, offsets, noCustomer, items, new long[events], new byte[events],
        Catalog.empty(n), null);
    float[] in = weights[0].clone();
    float[] out = weights[1].clone();
    Item2VecTrainer.trainRound(corpus, settings.options(), epochs, seed + part * 1_000_003L, in,
        out, from, to);
    int[] inTouched = new int[n];
    int[] outTouched = new int[n];
    for (int p = 0; p < n; p++) {
      boolean inChanged = false;
      boolean outChanged = false;
      for (int i = p * dim; i < p * dim + dim; i++) {
        in[i] -= weights[0][i];
        out[i] -= weights[1][i];
        inChanged |= in[i] != 0;
        outChanged |= out[i] != 0;
      }
      inTouched[p] = inChanged ? 1 : 0;
      outTouched[p] = outChanged ? 1 : 0;
    }
    return List.of(new Update(in, out, inTouched, outTouched)).iterator();
  }

  /** The options as plain fields, for the executors. */
  record Settings(int dim, int window, int negative, double sample, double alpha,
      double minAlpha, int epochs, String weighting, double lambda) implements Serializable {
    Settings(Item2VecOptions o) {
      this(o.dim(), o.window(), o.negative(), o.sample(), o.alpha(), o.minAlpha(), o.epochs(),
          o.sessionWeighting().label(), o.lambda());
    }

    Item2VecOptions options() {
      return new Item2VecOptions(dim, window, negative, sample, alpha, minAlpha, epochs,
          dev.aisle.model.SessionWeighting.fromLabel(weighting), lambda);
    }
  }
}
