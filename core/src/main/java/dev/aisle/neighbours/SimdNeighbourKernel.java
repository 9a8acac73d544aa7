package dev.aisle.neighbours;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link NeighbourKernel}. Product vectors are transposed into tiles of one register's
 * width of products ({@code tile[j][lane]} = component j of product {@code lane}), so a
 * multiply-add scores one component for a whole register of products with no horizontal sum,
 * and each tile loaded serves {@link #QUERY_BLOCK} queries held in eight accumulators.
 */
final class SimdNeighbourKernel extends NeighbourKernel {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private final float[] tiles;
  private final int tileCount;

  SimdNeighbourKernel(float[] unit, int size, int dim) {
    super(unit, size, dim);
    // a multiple of four tiles, so the single-query scan needs no remainder loop (the padding
    // products score 0 and are never offered)
    tileCount = ((size + 4 * LANES - 1) / (4 * LANES)) * 4;
    tiles = new float[tileCount * dim * LANES];
    for (int p = 0; p < size; p++) {
      int base = (p / LANES) * dim * LANES + p % LANES;
      for (int j = 0; j < dim; j++) {
        tiles[base + j * LANES] = unit[p * dim + j];
      }
    }
  }

  @Override
  public void scan(int from, int count, TopHeap[] heaps) {
    // rows past the block's end repeat its last query; their scores are dropped
    int last = from + count - 1;
    int q0 = from * dim;
    int q1 = Math.min(from + 1, last) * dim;
    int q2 = Math.min(from + 2, last) * dim;
    int q3 = Math.min(from + 3, last) * dim;
    int q4 = Math.min(from + 4, last) * dim;
    int q5 = Math.min(from + 5, last) * dim;
    int q6 = Math.min(from + 6, last) * dim;
    int q7 = Math.min(from + 7, last) * dim;
    float[] u = unit;
    float[] lane = new float[LANES];
    for (int t = 0; t < tileCount; t++) {
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      FloatVector a4 = a0;
      FloatVector a5 = a0;
      FloatVector a6 = a0;
      FloatVector a7 = a0;
      int to = t * dim * LANES;
      for (int j = 0; j < dim; j++) {
        FloatVector v = FloatVector.fromArray(SPECIES, tiles, to + j * LANES);
        a0 = v.fma(FloatVector.broadcast(SPECIES, u[q0 + j]), a0);
        a1 = v.fma(FloatVector.broadcast(SPECIES, u[q1 + j]), a1);
        a2 = v.fma(FloatVector.broadcast(SPECIES, u[q2 + j]), a2);
        a3 = v.fma(FloatVector.broadcast(SPECIES, u[q3 + j]), a3);
        a4 = v.fma(FloatVector.broadcast(SPECIES, u[q4 + j]), a4);
        a5 = v.fma(FloatVector.broadcast(SPECIES, u[q5 + j]), a5);
        a6 = v.fma(FloatVector.broadcast(SPECIES, u[q6 + j]), a6);
        a7 = v.fma(FloatVector.broadcast(SPECIES, u[q7 + j]), a7);
      }
      int base = t * LANES;
      offer(a0, heaps[0], base, lane);
      if (count > 1) {
        offer(a1, heaps[1], base, lane);
      }
      if (count > 2) {
        offer(a2, heaps[2], base, lane);
      }
      if (count > 3) {
        offer(a3, heaps[3], base, lane);
      }
      if (count > 4) {
        offer(a4, heaps[4], base, lane);
      }
      if (count > 5) {
        offer(a5, heaps[5], base, lane);
      }
      if (count > 6) {
        offer(a6, heaps[6], base, lane);
      }
      if (count > 7) {
        offer(a7, heaps[7], base, lane);
      }
    }
  }

  @Override
  public void scan(float[] query, TopHeap heap) {
    float[] lane = new float[LANES];
    int stride = dim * LANES;
    // four tiles at a time: four independent chains of multiply-adds
    for (int t = 0; t < tileCount; t += 4) {
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      int to = t * stride;
      for (int j = 0; j < dim; j++) {
        FloatVector q = FloatVector.broadcast(SPECIES, query[j]);
        int o = to + j * LANES;
        a0 = FloatVector.fromArray(SPECIES, tiles, o).fma(q, a0);
        a1 = FloatVector.fromArray(SPECIES, tiles, o + stride).fma(q, a1);
        a2 = FloatVector.fromArray(SPECIES, tiles, o + 2 * stride).fma(q, a2);
        a3 = FloatVector.fromArray(SPECIES, tiles, o + 3 * stride).fma(q, a3);
      }
      // no vector crosses a call here (see QuantizedScan#scan)
      if (a0.max(a1).max(a2.max(a3)).compare(VectorOperators.GT, heap.bar()).anyTrue()) {
        a0.intoArray(lane, 0);
        offerLanes(lane, t * LANES, heap);
        a1.intoArray(lane, 0);
        offerLanes(lane, (t + 1) * LANES, heap);
        a2.intoArray(lane, 0);
        offerLanes(lane, (t + 2) * LANES, heap);
        a3.intoArray(lane, 0);
        offerLanes(lane, (t + 3) * LANES, heap);
      }
    }
  }

  private void offerLanes(float[] lane, int base, TopHeap heap) {
    int n = Math.min(LANES, size - base); // < 1 on padding tiles
    for (int l = 0; l < n; l++) {
      heap.offer(base + l, lane[l]);
    }
  }

  /** Offers the lanes that beat the heap's bar; most tiles have none once the heap is full. */
  private void offer(FloatVector scores, TopHeap heap, int base, float[] lane) {
    if (!scores.compare(VectorOperators.GT, heap.bar()).anyTrue()) {
      return;
    }
    scores.intoArray(lane, 0);
    int n = Math.min(LANES, size - base); // < 1 on padding tiles
    for (int l = 0; l < n; l++) {
      heap.offer(base + l, lane[l]);
    }
  }
}
