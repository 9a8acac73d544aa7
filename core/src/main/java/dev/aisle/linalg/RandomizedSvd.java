package dev.aisle.linalg;

import dev.aisle.parallel.Parallel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Truncated SVD of a sparse matrix by randomized subspace iteration (Halko, Martinsson and Tropp,
 * "Finding Structure with Randomness: Probabilistic Algorithms for Constructing Approximate Matrix
 * Decompositions", SIAM Review 53(2), 2011, algorithms 4.4 and 5.1):
 *
 * <pre>
 * Omega = Gaussian (cols x l),  l = rank + oversampling
 * Q = orth(A Omega)
 * q times: Q = orth(A orth(A^T Q))        power iterations, re-orthonormalised every half-step
 * Z = A^T Q                               so B = Q^T A = Z^T, small (l x cols)
 * Z^T Z = W Lambda W^T                    symmetric eigenproblem of l x l (Jacobi)
 * U = Q W,  Sigma = sqrt(Lambda),  V = Z W Sigma^-1
 * </pre>
 *
 * A is touched only through sparse products ({@code A x}, {@code A^T x} by the CSR transpose);
 * only the {@code n x l} bases are dense. Orthonormalisation is modified Gram-Schmidt, run twice
 * ("twice is enough"), in double precision.
 *
 * <pre>
 * RandomizedSvd.Result r = RandomizedSvd.compute(a, 64, 10, 2, seed, threads);
 * double topSingularValue = r.sigma()[0];
 * </pre>
 */
public final class RandomizedSvd {
  private RandomizedSvd() {}

  /**
   * The leading singular triplets, largest first.
   *
   * @param u left singular vectors, {@code rows x rank}, row-major (row i = the vector of row i)
   * @param sigma singular values, descending
   * @param v right singular vectors, {@code cols x rank}, row-major
   * @param rank the number of triplets
   */
  public record Result(double[] u, double[] sigma, double[] v, int rank) {}

  /**
   * @param rank triplets wanted, at most {@code min(rows, cols)}
   * @param oversampling extra random directions (Halko's p; 10 is their advice)
   * @param powerIterations subspace iterations (Halko's q), for a slowly decaying spectrum
   */
  public static Result compute(CsrMatrix a, int rank, int oversampling, int powerIterations,
      long seed, int threads) {
    int rows = a.rows();
    int cols = a.cols();
    if (rank < 1 || rank > Math.min(rows, cols)) {
      throw new IllegalArgumentException("rank must be in 1.." + Math.min(rows, cols)
          + " for a " + rows + " x " + cols + " matrix, was " + rank);
    }
    if (oversampling < 0 || powerIterations < 0) {
      throw new IllegalArgumentException("oversampling and power iterations must be >= 0, were "
          + oversampling + " and " + powerIterations);
    }
    int l = Math.min(rank + oversampling, Math.min(rows, cols));
    CsrMatrix at = a.transpose();
    SplittableRandom random = new SplittableRandom(seed);
    double[] omega = new double[cols * l];
    for (int i = 0; i < omega.length; i++) {
      omega[i] = random.nextGaussian();
    }
    double[] q = orthonormalize(multiply(a, omega, l, threads), rows, l, random);
    for (int it = 0; it < powerIterations; it++) {
      double[] z = orthonormalize(multiply(at, q, l, threads), cols, l, random);
      q = orthonormalize(multiply(a, z, l, threads), rows, l, random);
    }
    double[] z = multiply(at, q, l, threads); // cols x l: B^T
    double[] gram = new double[l * l];
    for (int i = 0; i < cols; i++) {
      for (int x = 0; x < l; x++) {
        double zx = z[i * l + x];
        if (zx != 0) {
          for (int y = x; y < l; y++) {
            gram[x * l + y] += zx * z[i * l + y];
          }
        }
      }
    }
    for (int x = 0; x < l; x++) {
      for (int y = 0; y < x; y++) {
        gram[x * l + y] = gram[y * l + x];
      }
    }
    double[] eigenvectors = new double[l * l];
    double[] eigenvalues = symmetricEigen(gram, l, eigenvectors);
    Integer[] byValue = new Integer[l];
    for (int i = 0; i < l; i++) {
      byValue[i] = i;
    }
    Arrays.sort(byValue, (x, y) -> Double.compare(eigenvalues[y], eigenvalues[x]));
    double[] sigma = new double[rank];
    double[] w = new double[l * rank]; // l x rank, the chosen eigenvectors as columns
    for (int c = 0; c < rank; c++) {
      int src = byValue[c];
      sigma[c] = Math.sqrt(Math.max(0, eigenvalues[src]));
      for (int r = 0; r < l; r++) {
        w[r * rank + c] = eigenvectors[r * l + src];
      }
    }
    double[] u = times(q, rows, l, w, rank);
    double[] v = times(z, cols, l, w, rank);
    for (int i = 0; i < cols; i++) {
      for (int c = 0; c < rank; c++) {
        v[i * rank + c] = sigma[c] > 0 ? v[i * rank + c] / sigma[c] : 0;
      }
    }
    return new Result(u, sigma, v, rank);
  }

  /** {@code y = A x} for dense row-major {@code x} of {@code A.cols() x k}. */
  static double[] multiply(CsrMatrix a, double[] x, int k, int threads) {
    int rows = a.rows();
    double[] y = new double[rows * k];
    int t = (long) a.nonZeros() * k < 1 << 18 ? 1 : Math.max(1, Math.min(threads, rows));
    Parallel.run(t, worker -> {
      int from = (int) ((long) rows * worker / t);
      int to = (int) ((long) rows * (worker + 1) / t);
      for (int i = from; i < to; i++) {
        int yo = i * k;
        for (int e = a.rowStart(i); e < a.rowEnd(i); e++) {
          double v = a.value(e);
          int xo = a.column(e) * k;
          for (int c = 0; c < k; c++) {
            y[yo + c] += v * x[xo + c];
          }
        }
      }
    });
    return y;
  }

  /** {@code m (n x l) * w (l x r)}, all row-major. */
  private static double[] times(double[] m, int n, int l, double[] w, int r) {
    double[] out = new double[n * r];
    for (int i = 0; i < n; i++) {
      for (int x = 0; x < l; x++) {
        double mx = m[i * l + x];
        if (mx != 0) {
          for (int c = 0; c < r; c++) {
            out[i * r + c] += mx * w[x * r + c];
          }
        }
      }
    }
    return out;
  }

  /**
   * An orthonormal basis of the columns of row-major {@code y} ({@code n x l}), by modified
   * Gram-Schmidt run twice; a column that vanishes (the range has fewer than {@code l}
   * dimensions) is replaced by a random direction orthogonal to the others.
   */
  static double[] orthonormalize(double[] y, int n, int l, SplittableRandom random) {
    double[][] col = new double[l][n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < l; c++) {
        col[c][i] = y[i * l + c];
      }
    }
    for (int c = 0; c < l; c++) {
      double before = norm(col[c]);
      for (int pass = 0; pass < 2; pass++) {
        for (int prev = 0; prev < c; prev++) {
          double d = dot(col[prev], col[c]);
          for (int i = 0; i < n; i++) {
            col[c][i] -= d * col[prev][i];
          }
        }
      }
      double after = norm(col[c]);
      if (!(after > 1e-10 * Math.max(before, Double.MIN_NORMAL))) {
        for (int tries = 0; tries < 8 && !(after > 1e-6); tries++) {
          for (int i = 0; i < n; i++) {
            col[c][i] = random.nextGaussian();
          }
          for (int pass = 0; pass < 2; pass++) {
            for (int prev = 0; prev < c; prev++) {
              double d = dot(col[prev], col[c]);
              for (int i = 0; i < n; i++) {
                col[c][i] -= d * col[prev][i];
              }
            }
          }
          after = norm(col[c]);
        }
      }
      double inv = after > 0 ? 1 / after : 0;
      for (int i = 0; i < n; i++) {
        col[c][i] *= inv;
      }
    }
    double[] q = new double[n * l];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < l; c++) {
        q[i * l + c] = col[c][i];
      }
    }
    return q;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /**
   * Eigenvalues of the symmetric {@code l x l} matrix {@code m} (destroyed) by cyclic Jacobi
   * rotations; {@code vectors} receives the eigenvectors as columns, row-major.
   */
  static double[] symmetricEigen(double[] m, int l, double[] vectors) {
    Arrays.fill(vectors, 0);
    for (int i = 0; i < l; i++) {
      vectors[i * l + i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double diag = 0;
      for (int i = 0; i < l; i++) {
        diag += m[i * l + i] * m[i * l + i];
        for (int j = i + 1; j < l; j++) {
          off += m[i * l + j] * m[i * l + j];
        }
      }
      if (off <= 1e-30 * Math.max(diag, Double.MIN_NORMAL)) {
        break;
      }
      for (int p = 0; p < l - 1; p++) {
        for (int r = p + 1; r < l; r++) {
          double apr = m[p * l + r];
          if (apr == 0) {
            continue;
          }
          double app = m[p * l + p];
          double arr = m[r * l + r];
          double theta = (arr - app) / (2 * apr);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < l; k++) { // columns p and r
            double mkp = m[k * l + p];
            double mkr = m[k * l + r];
            m[k * l + p] = c * mkp - s * mkr;
            m[k * l + r] = s * mkp + c * mkr;
          }
          for (int k = 0; k < l; k++) { // rows p and r
            double mpk = m[p * l + k];
            double mrk = m[r * l + k];
            m[p * l + k] = c * mpk - s * mrk;
            m[r * l + k] = s * mpk + c * mrk;
          }
          for (int k = 0; k < l; k++) {
            double vkp = vectors[k * l + p];
            double vkr = vectors[k * l + r];
            vectors[k * l + p] = c * vkp - s * vkr;
            vectors[k * l + r] = s * vkp + c * vkr;
          }
        }
      }
    }
    double[] values = new double[l];
    for (int i = 0; i < l; i++) {
      values[i] = m[i * l + i];
    }
    return values;
  }
}
