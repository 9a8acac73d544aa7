package dev.aisle.server.vectors;

import dev.aisle.linalg.VectorMath;
import dev.aisle.model.ScoredItem;
import dev.aisle.neighbours.TopHeap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exact top-k of a query vector against all products, at a fraction of a full scan's cost: an int8
 * copy of the unit vectors (one scale per product), laid out in blocks of similar products, is
 * scanned only where bounds say a product could still be among the best, and those products are
 * scored exactly in float32.
 *
 * <p>Two bounds make it exact and fast. Quantising product p with scale {@code s_p = max_j |u_pj|
 * / 127} moves each component by at most {@code s_p / 2}, so the int8 score plus {@code s_p / 2 *
 * |q|_1} bounds the exact one from above: a product whose bound does not beat the k-th best exact
 * score so far is skipped, the others are scored exactly. And a block with centroid c and radius r
 * (the farthest of its unit vectors from c) holds no product scoring above {@code q.c + |q| r}: a
 * block whose bound does not beat the k-th best score is not read at all. The blocks of best bound
 * go first, so the k-th best score rises quickly. Blocks are built from the neighbour lists (a
 * product, its unassigned neighbours, then theirs: {@link ScanLayout#similar}), so most are tight.
 *
 * <p>Why: at 100k x 64 dims the float32 vectors are 25.6 MB, beyond the cache, and a full scan runs
 * at memory speed (see bench/serve-wrk.sh for the figures).
 *
 * <p>Immutable apart from its counters, and thread-safe; needs the JDK's vector module and at least
 * 8 float lanes.
 */
final class QuantizedScan implements SessionScan {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = FLOATS.length();
  private static final VectorSpecies<Byte> BYTES = LANES < 8 ? null
      : LANES == 16 ? ByteVector.SPECIES_128 : ByteVector.SPECIES_64;
  /** Products per block: two tiles of one register's width. */
  private static final int BLOCK = 2 * LANES;
  /** Blocks of best bound scanned before all others, to raise the bar. */
  private static final int FIRST_BLOCKS = 16;

  /** Catalogs this small are scanned exactly in float32 instead. */
  static final int MIN_PRODUCTS = 128;

  private final float[] unit;
  private final int size;
  private final int dim;
  private final int blocks;
  /** The product in each slot, block by block, or -1 for an empty slot. */
  private final int[] slots;
  private final byte[] tiles;
  private final float[] scale;
  private final float[] halfScale;
  private final float[] centroids;
  private final float[] radii;
  private final float[] maxHalfScale;
  private final LongAdder queries = new LongAdder();
  private final LongAdder blocksScanned = new LongAdder();

  private QuantizedScan(float[] unit, int size, int dim, int[] slots) {
    this.unit = unit;
    this.size = size;
    this.dim = dim;
    this.slots = slots;
    this.blocks = slots.length / BLOCK;
    this.tiles = new byte[slots.length * dim];
    this.scale = new float[slots.length];
    this.halfScale = new float[slots.length];
    this.centroids = new float[blocks * dim];
    this.radii = new float[blocks];
    this.maxHalfScale = new float[blocks];
    for (int slot = 0; slot < slots.length; slot++) {
      int p = slots[slot];
      if (p < 0) {
        continue;
      }
      float max = 0;
      for (int j = 0; j < dim; j++) {
        max = Math.max(max, Math.abs(unit[p * dim + j]));
      }
      float s = max / 127;
      scale[slot] = s;
      // a hair over half a step, for the rounding of the float sums
      halfScale[slot] = s * 0.505f;
      int base = (slot / LANES) * dim * LANES + slot % LANES;
      for (int j = 0; j < dim; j++) {
        tiles[base + j * LANES] = s == 0 ? 0 : (byte) Math.round(unit[p * dim + j] / s);
      }
    }
    for (int b = 0; b < blocks; b++) {
      int members = 0;
      for (int slot = b * BLOCK; slot < (b + 1) * BLOCK; slot++) {
        if (slots[slot] >= 0) {
          members++;
          VectorMath.axpy(1, unit, slots[slot] * dim, centroids, b * dim, dim);
          maxHalfScale[b] = Math.max(maxHalfScale[b], halfScale[slot]);
        }
      }
      for (int j = 0; j < dim && members > 0; j++) {
        centroids[b * dim + j] /= members;
      }
      double radius = 0;
      for (int slot = b * BLOCK; slot < (b + 1) * BLOCK; slot++) {
        if (slots[slot] >= 0) {
          double d = 0;
          for (int j = 0; j < dim; j++) {
            double x = unit[slots[slot] * dim + j] - centroids[b * dim + j];
            d += x * x;
          }
          radius = Math.max(radius, Math.sqrt(d));
        }
      }
      // a little over, for the float rounding of the query's dot product with the centroid
      radii[b] = (float) (radius * 1.0001 + 1e-5);
    }
  }

  /**
   * The scan for these unit vectors, or null where the JDK cannot run it. Callers check that the
   * vector module is present first: without it this class cannot even load.
   *
   * @param layout which products share a block (see {@link ScanLayout})
   * @throws IllegalArgumentException when the layout does not hold every product once
   */
  static QuantizedScan of(float[] unit, int size, int dim, ScanLayout layout) {
    if (LANES < 8 || size <= MIN_PRODUCTS) {
      return null;
    }
    int[] slots = layout.slots(BLOCK);
    if (slots.length != (size + BLOCK - 1) / BLOCK * BLOCK) {
      throw new IllegalArgumentException("a layout of " + slots.length + " slots for " + size
          + " products in blocks of " + BLOCK);
    }
    boolean[] seen = new boolean[size];
    int held = 0;
    for (int p : slots) {
      if (p >= size || (p >= 0 && seen[p])) {
        throw new IllegalArgumentException("a layout with product " + p + " out of range or twice");
      }
      if (p >= 0) {
        seen[p] = true;
        held++;
      }
    }
    if (held != size) {
      throw new IllegalArgumentException("a layout holding " + held + " of " + size + " products");
    }
    return new QuantizedScan(unit, size, dim, slots);
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
    this.queries.reset();
    blocksScanned.reset();
  }

  /** The share of blocks a query scanned, on average (the rest its bounds ruled out). */
  @Override
  public double scannedShare() {
    long q = queries.sum();
    return q == 0 ? 0 : blocksScanned.sum() / (double) q / blocks;
  }

  /**
   * The {@code k} products whose unit vectors have the largest dot product with {@code query},
   * exactly, best first (ties to the lower ordinal, the more popular product).
   */
  @Override
  public List<ScoredItem> nearest(float[] query, int k) {
    queries.increment();
    float q1 = 0;
    double q2 = 0;
    for (float x : query) {
      q1 += Math.abs(x);
      q2 += (double) x * x;
    }
    q1 = q1 * 1.0001f + 1e-6f;
    // a block's bound: q.c + |q| r, plus twice the quantisation error (the int8 upper bound is
    // compared with it), plus a little for the float rounding of q.c
    float[] bound = new float[blocks];
    float norm = (float) Math.sqrt(q2);
    for (int b = 0; b < blocks; b++) {
      bound[b] = VectorMath.dot(query, 0, centroids, b * dim, dim) + norm * radii[b]
          + 2 * maxHalfScale[b] * q1 + 1e-4f * q1;
    }
    TopHeap best = new TopHeap(k);
    best.reset(-1);
    float[] lane = new float[BLOCK];
    boolean[] done = new boolean[blocks];
    int scanned = 0;
    // the blocks of best bound first, so that the k-th best score rises quickly
    TopHeap first = new TopHeap(Math.min(FIRST_BLOCKS, blocks));
    first.reset(-1);
    for (int b = 0; b < blocks; b++) {
      first.offer(b, bound[b]);
    }
    for (ScoredItem f : first.drainBestFirst()) {
      done[f.product()] = true;
      scanned += visit(f.product(), bound, query, q1, best, lane);
    }
    for (int b = 0; b < blocks; b++) {
      if (!done[b]) {
        scanned += visit(b, bound, query, q1, best, lane);
      }
    }
    blocksScanned.add(scanned);
    return best.drainBestFirst();
  }

  /**
   * Scans block {@code b} unless its bound rules it out, scoring exactly the products whose int8
   * upper bound beats the k-th best score so far.
   *
   * @return 1 when the block was scanned, else 0
   */
  private int visit(int b, float[] bound, float[] query, float q1, TopHeap best,
      float[] lane) {
    if (bound[b] <= best.bar()) {
      return 0;
    }
    if (block(b, query, q1, best.bar(), lane)) {
      for (int l = 0; l < BLOCK; l++) {
        int p = slots[b * BLOCK + l];
        if (p >= 0 && lane[l] > best.bar()) {
          best.offer(p, VectorMath.dot(query, 0, unit, p * dim, dim));
        }
      }
    }
    return 1;
  }

  /*
   * One block (two tiles) per call, with no vector crossing a call boundary: a vector passed to or
   * returned from a method the JIT compiled on its own is boxed on the heap; and more conversions
   * than this in one method exceed the JIT's inlining budget, after which they run un-intrinsified.
   */
  /**
   * Upper bounds {@code sum * scale + halfScale * |q|_1} of block {@code b}'s products, written to
   * {@code lane} when one of them beats {@code bar}.
   *
   * @return whether one did
   */
  private boolean block(int b, float[] query, float q1, float bar, float[] lane) {
    int stride = dim * LANES;
    FloatVector a0 = FloatVector.zero(FLOATS);
    FloatVector a1 = a0;
    int to = 2 * b * stride;
    for (int j = 0; j < dim; j++) {
      FloatVector q = FloatVector.broadcast(FLOATS, query[j]);
      int o = to + j * LANES;
      a0 = ((FloatVector) ByteVector.fromArray(BYTES, tiles, o)
          .convertShape(VectorOperators.B2F, FLOATS, 0)).fma(q, a0);
      a1 = ((FloatVector) ByteVector.fromArray(BYTES, tiles, o + stride)
          .convertShape(VectorOperators.B2F, FLOATS, 0)).fma(q, a1);
    }
    int s = b * BLOCK;
    FloatVector u0 = a0.mul(FloatVector.fromArray(FLOATS, scale, s))
        .add(FloatVector.fromArray(FLOATS, halfScale, s).mul(q1));
    FloatVector u1 = a1.mul(FloatVector.fromArray(FLOATS, scale, s + LANES))
        .add(FloatVector.fromArray(FLOATS, halfScale, s + LANES).mul(q1));
    if (!u0.max(u1).compare(VectorOperators.GT, bar).anyTrue()) {
      return false;
    }
    u0.intoArray(lane, 0);
    u1.intoArray(lane, LANES);
    return true;
  }
}
