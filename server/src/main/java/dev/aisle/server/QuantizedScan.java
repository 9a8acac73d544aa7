package dev.aisle.server;

import dev.aisle.linalg.VectorMath;
import dev.aisle.model.ScoredItem;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exact top-k of a query vector against all products at a quarter of the memory traffic: an int8
 * copy of the unit vectors (one scale per product) is scanned for the products whose score could
 * be among the best, those are re-scored exactly, and the answer is returned only when the bound
 * on the quantisation error proves that no product left out could beat it.
 *
 * <p>Quantising product p with scale {@code s_p = max_j |u_pj| / 127} moves each component by at
 * most {@code s_p / 2}, so its approximate score is within {@code s_p / 2 * |q|_1} of the exact
 * one. The scan keeps the {@code m} best upper bounds; if the k-th best exact score of those
 * beats the m-th upper bound, every other product scores less. When it does not (a flat
 * neighbourhood), the scan runs again with eight times the candidates, up to all products. The
 * retry reuses the same hot code: a float32 fallback scan, run once in a few hundred queries,
 * would never be compiled and would run the vector API interpreted, hundreds of times slower.
 *
 * <p>Why: at 100k x 64 dims the float32 vectors are 25.6 MB, beyond the cache, and a scan runs at
 * memory speed; 6.4 MB of int8 stay in cache (see bench/serve-wrk.sh for the figures).
 *
 * <p>Immutable and thread-safe; needs the JDK's vector module and at least 8 float lanes.
 */
final class QuantizedScan {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = FLOATS.length();
  private static final VectorSpecies<Byte> BYTES = LANES < 8 ? null
      : LANES == 16 ? ByteVector.SPECIES_128 : ByteVector.SPECIES_64;

  /** Upper bounds kept per query, at least; enough to prove almost every answer exact. */
  static final int MIN_CANDIDATES = 128;

  private final float[] unit;
  private final int size;
  private final int dim;
  private final int tileCount;
  private final byte[] tiles;
  private final float[] scale;
  private final float[] halfScale;
  private final LongAdder widened = new LongAdder();

  private QuantizedScan(float[] unit, int size, int dim) {
    this.unit = unit;
    this.size = size;
    this.dim = dim;
    this.tileCount = ((size + 4 * LANES - 1) / (4 * LANES)) * 4;
    this.tiles = new byte[tileCount * dim * LANES];
    this.scale = new float[tileCount * LANES];
    this.halfScale = new float[tileCount * LANES];
    for (int p = 0; p < size; p++) {
      float max = 0;
      for (int j = 0; j < dim; j++) {
        max = Math.max(max, Math.abs(unit[p * dim + j]));
      }
      float s = max / 127;
      scale[p] = s;
      // a hair over half a step, for the rounding of the float sums
      halfScale[p] = s * 0.505f;
      int base = (p / LANES) * dim * LANES + p % LANES;
      for (int j = 0; j < dim; j++) {
        tiles[base + j * LANES] = s == 0 ? 0 : (byte) Math.round(unit[p * dim + j] / s);
      }
    }
  }

  /** The scan for these unit vectors, or null where the JDK cannot run it. */
  static QuantizedScan of(float[] unit, int size, int dim) {
    boolean simd = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    return simd && LANES >= 8 && size > MIN_CANDIDATES ? new QuantizedScan(unit, size, dim)
        : null;
  }

  /**
   * Runs {@code queries} queries (products' own vectors) through the scan, so that the JIT has
   * compiled it before the first request: until then the vector API runs interpreted, hundreds of
   * times slower, and the first requests after a start would wait for seconds.
   */
  void warmUp(int queries) {
    SplittableRandom rng = new SplittableRandom(size);
    float[] q = new float[dim];
    for (int i = 0; i < queries; i++) {
      System.arraycopy(unit, rng.nextInt(size) * dim, q, 0, dim);
      nearest(q, 21);
    }
    widened.reset();
  }

  /** Queries whose first candidates could not prove the answer, so the scan ran again. */
  long widened() {
    return widened.sum();
  }

  /**
   * The {@code k} products whose unit vectors have the largest dot product with {@code query},
   * exactly, best first (ties to the lower ordinal, the more popular product).
   */
  List<ScoredItem> nearest(float[] query, int k) {
    float q1 = 0;
    for (float x : query) {
      q1 += Math.abs(x);
    }
    int first = Math.min(size, Math.max(MIN_CANDIDATES, 4 * k));
    for (int m = first; ; m = Math.min(size, m * 8)) {
      NeighbourLists.TopHeap bounds = new NeighbourLists.TopHeap(m);
      bounds.reset(-1);
      scan(query, q1 * 1.0001f + 1e-6f, bounds);
      float worstBound = bounds.bar();
      boolean everyone = bounds.size() == size;
      NeighbourLists.TopHeap best = new NeighbourLists.TopHeap(k);
      best.reset(-1);
      for (ScoredItem c : bounds.drainBestFirst()) {
        best.offer(c.product(), VectorMath.dot(query, 0, unit, c.product() * dim, dim));
      }
      if (everyone || best.bar() > worstBound) {
        return best.drainBestFirst();
      }
      if (m == first) {
        widened.increment();
      }
    }
  }

  private void scan(float[] query, float q1, NeighbourLists.TopHeap heap) {
    float[] lane = new float[2 * LANES];
    for (int t = 0; t < tileCount; t += 2) {
      if (pairOfTiles(t, query, q1, heap.bar(), lane)) {
        offer(lane, t * LANES, heap);
      }
    }
  }

  /*
   * Two tiles per call, with no vector crossing a call boundary: a vector passed to or returned
   * from a method the JIT compiled on its own is boxed on the heap; and more conversions than this
   * in one method exceed the JIT's inlining budget, after which they run un-intrinsified.
   */
  /**
   * Upper bounds {@code sum * scale + halfScale * |q|_1} of tiles {@code t} and {@code t + 1},
   * written to {@code lane} when one of them beats {@code bar}.
   *
   * @return whether one did
   */
  private boolean pairOfTiles(int t, float[] query, float q1, float bar, float[] lane) {
    int stride = dim * LANES;
    FloatVector a0 = FloatVector.zero(FLOATS);
    FloatVector a1 = a0;
    int to = t * stride;
    for (int j = 0; j < dim; j++) {
      FloatVector q = FloatVector.broadcast(FLOATS, query[j]);
      int o = to + j * LANES;
      a0 = ((FloatVector) ByteVector.fromArray(BYTES, tiles, o)
          .convertShape(VectorOperators.B2F, FLOATS, 0)).fma(q, a0);
      a1 = ((FloatVector) ByteVector.fromArray(BYTES, tiles, o + stride)
          .convertShape(VectorOperators.B2F, FLOATS, 0)).fma(q, a1);
    }
    int b = t * LANES;
    FloatVector u0 = a0.mul(FloatVector.fromArray(FLOATS, scale, b))
        .add(FloatVector.fromArray(FLOATS, halfScale, b).mul(q1));
    FloatVector u1 = a1.mul(FloatVector.fromArray(FLOATS, scale, b + LANES))
        .add(FloatVector.fromArray(FLOATS, halfScale, b + LANES).mul(q1));
    if (!u0.max(u1).compare(VectorOperators.GT, bar).anyTrue()) {
      return false;
    }
    u0.intoArray(lane, 0);
    u1.intoArray(lane, LANES);
    return true;
  }

  private void offer(float[] lane, int base, NeighbourLists.TopHeap heap) {
    int n = Math.min(lane.length, size - base); // < 1 on padding tiles
    for (int l = 0; l < n; l++) {
      heap.offer(base + l, lane[l]);
    }
  }
}
