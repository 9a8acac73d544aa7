package dev.aisle.neighbours;

/**
 * Scores queries against every product and offers each score to the query's {@link TopHeap}:
 * the inner loop of {@link ExactNeighbours} (a block of products as queries) and of exact
 * session recommendations (one query vector). A SIMD kernel when the JDK's
 * vector module is present, a scalar one otherwise.
 *
 * <p>Immutable and thread-safe; the heaps are the caller's.
 */
public abstract class NeighbourKernel {
  /** Queries scored per pass over the product vectors. */
  public static final int QUERY_BLOCK = 8;

  final float[] unit;
  final int size;
  final int dim;

  /** Products scored. */
  public int size() {
    return size;
  }

  NeighbourKernel(float[] unit, int size, int dim) {
    this.unit = unit;
    this.size = size;
    this.dim = dim;
  }

  /** A kernel over {@code size} unit vectors of {@code dim}, row-major in {@code unit}. */
  public static NeighbourKernel of(float[] unit, int size, int dim) {
    boolean simd = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    return simd ? new SimdNeighbourKernel(unit, size, dim) : new Scalar(unit, size, dim);
  }

  /**
   * Scores products {@code from .. from+count-1} (at most {@link #QUERY_BLOCK}) against all
   * products, offering to {@code heaps[0 .. count-1]}.
   */
  public abstract void scan(int from, int count, TopHeap[] heaps);

  /** Scores every product by its dot product with {@code query}, offering to {@code heap}. */
  public abstract void scan(float[] query, TopHeap heap);

  /** Plain loops, for a JDK started without {@code --add-modules jdk.incubator.vector}. */
  static final class Scalar extends NeighbourKernel {
    Scalar(float[] unit, int size, int dim) {
      super(unit, size, dim);
    }

    @Override
    public void scan(int from, int count, TopHeap[] heaps) {
      for (int p = 0; p < size; p++) {
        int po = p * dim;
        for (int i = 0; i < count; i++) {
          int qo = (from + i) * dim;
          float s = 0;
          for (int j = 0; j < dim; j++) {
            s += unit[qo + j] * unit[po + j];
          }
          heaps[i].offer(p, s);
        }
      }
    }

    @Override
    public void scan(float[] query, TopHeap heap) {
      for (int p = 0; p < size; p++) {
        float s = 0;
        for (int j = 0; j < dim; j++) {
          s += query[j] * unit[p * dim + j];
        }
        heap.offer(p, s);
      }
    }
  }
}
