package dev.aisle.server.vectors;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.model.ProductLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 2-D map of an embedding model's products: the first two principal components (PCA) of the
 * products' unit vectors, so that products the model holds similar land close together. The
 * dashboard draws it coloured by category.
 *
 * <p>The components are found by power iteration on the {@code dim x dim} covariance matrix with
 * deflation (Hotelling 1933; Golub and Van Loan, "Matrix Computations", 7.3), from a fixed start
 * vector, so the same model gives the same map. Each axis is signed so that the product with the
 * largest absolute coordinate lies on the positive side, which keeps the picture stable across
 * reloads of the same model.
 *
 * <pre>
 * ProductMap map = ProductMap.of(UnitVectors.of(model), 5000);
 * map.x(0); map.y(0);   // where the most browsed product lies
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ProductMap {
  private static final int MAX_ITERATIONS = 500;
  private static final double TOLERANCE = 1e-10;

  private final int count;
  private final float[] xs;
  private final float[] ys;
  private final double[] explained;

  private ProductMap(int count, float[] xs, float[] ys, double[] explained) {
    this.count = count;
    this.xs = xs;
    this.ys = ys;
    this.explained = explained;
  }

  /**
   * Projects the first {@code limit} products (the most browsed: ordinals follow popularity).
   *
   * @param limit at most this many products, at least 1
   */
  public static ProductMap of(UnitVectors unit, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    return project(unit.unit, Math.min(limit, unit.size), unit.dim);
  }

  /** PCA of the first {@code n} rows of {@code rows} ({@code dim} columns) down to two. */
  static ProductMap project(float[] rows, int n, int dim) {
    if (n < 0 || (long) n * dim > rows.length) {
      throw new IllegalArgumentException("need " + n + " x " + dim + " values, have "
          + rows.length);
    }
    double[] mean = new double[dim];
    for (int p = 0; p < n; p++) {
      for (int i = 0; i < dim; i++) {
        mean[i] += rows[p * dim + i];
      }
    }
    for (int i = 0; i < dim; i++) {
      mean[i] /= Math.max(n, 1);
    }
    double[][] cov = new double[dim][dim];
    double[] centred = new double[dim];
    for (int p = 0; p < n; p++) {
      for (int i = 0; i < dim; i++) {
        centred[i] = rows[p * dim + i] - mean[i];
      }
      for (int i = 0; i < dim; i++) {
        double ci = centred[i];
        for (int j = i; j < dim; j++) {
          cov[i][j] += ci * centred[j];
        }
      }
    }
    double total = 0;
    for (int i = 0; i < dim; i++) {
      for (int j = i; j < dim; j++) {
        cov[i][j] /= Math.max(n - 1, 1);
        cov[j][i] = cov[i][j];
      }
      total += cov[i][i];
    }
    double[] first = leadingEigenvector(cov);
    double l1 = rayleigh(cov, first);
    deflate(cov, first, l1);
    double[] second = leadingEigenvector(cov);
    double l2 = rayleigh(cov, second);
    float[] xs = new float[n];
    float[] ys = new float[n];
    for (int p = 0; p < n; p++) {
      double x = 0;
      double y = 0;
      for (int i = 0; i < dim; i++) {
        double c = rows[p * dim + i] - mean[i];
        x += c * first[i];
        y += c * second[i];
      }
      xs[p] = (float) x;
      ys[p] = (float) y;
    }
    orient(xs);
    orient(ys);
    double[] explained = total > 0
        ? new double[] {Math.max(l1, 0) / total, Math.max(l2, 0) / total} : new double[2];
    return new ProductMap(n, xs, ys, explained);
  }

  int size() {
    return count;
  }

  float x(int product) {
    return xs[product];
  }

  float y(int product) {
    return ys[product];
  }

  /** The share of the total variance each of the two axes explains. */
  double[] explainedVariance() {
    return explained.clone();
  }

  /** The map as JSON: points with id, x, y, name and category, and the explained variance. */
  public Map<String, Object> toJson(String modelName, ProductIndex products,
      ProductLabels labels) {
    List<Map<String, Object>> points = new ArrayList<>(count);
    for (int p = 0; p < count; p++) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("id", products.id(p));
      point.put("x", round(xs[p]));
      point.put("y", round(ys[p]));
      point.put("name", labels.name(p));
      String category = labels.category(p);
      point.put("category", category == null ? "unknown" : category);
      points.add(point);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", modelName);
    out.put("method", "pca");
    out.put("explainedVariance", List.of(round(explained[0]), round(explained[1])));
    out.put("products", products.size());
    out.put("points", points);
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 1e5) / 1e5;
  }

  private static double[] leadingEigenvector(double[][] m) {
    int dim = m.length;
    double[] v = new double[dim];
    for (int i = 0; i < dim; i++) {
      // a fixed start that is not orthogonal to any axis in practice
      v[i] = 1.0 + 0.01 * i;
    }
    normalise(v);
    double[] next = new double[dim];
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      for (int i = 0; i < dim; i++) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
          s += m[i][j] * v[j];
        }
        next[i] = s;
      }
      if (normalise(next) == 0) {
        return v;
      }
      double change = 0;
      for (int i = 0; i < dim; i++) {
        change += Math.abs(Math.abs(next[i]) - Math.abs(v[i]));
      }
      System.arraycopy(next, 0, v, 0, dim);
      if (change < TOLERANCE) {
        break;
      }
    }
    return v;
  }

  private static double rayleigh(double[][] m, double[] v) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        s += v[i] * m[i][j] * v[j];
      }
    }
    return s;
  }

  private static void deflate(double[][] m, double[] v, double lambda) {
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        m[i][j] -= lambda * v[i] * v[j];
      }
    }
  }

  private static double normalise(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] /= norm;
      }
    }
    return norm;
  }

  private static void orient(float[] axis) {
    int extreme = 0;
    for (int p = 1; p < axis.length; p++) {
      if (Math.abs(axis[p]) > Math.abs(axis[extreme])) {
        extreme = p;
      }
    }
    if (axis.length > 0 && axis[extreme] < 0) {
      for (int p = 0; p < axis.length; p++) {
        axis[p] = -axis[p];
      }
    }
  }
}
