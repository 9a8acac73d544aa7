package dev.aisle.model.cooc;

/**
 * Dunning's log-likelihood ratio (G2) of a 2x2 contingency table, written with entropies as in
 * Mahout's {@code LogLikelihood}: G2 = 2 (H(rows) + H(columns) - H(matrix)), with {@code
 * H(k...) = xlogx(sum k) - sum xlogx(k)}.
 *
 * <table>
 *   <caption>The table</caption>
 *   <tr><td></td><td>B</td><td>not B</td></tr>
 *   <tr><td>A</td><td>k11</td><td>k12</td></tr>
 *   <tr><td>not A</td><td>k21</td><td>k22</td></tr>
 * </table>
 */
final class Llr {
  private Llr() {}

  static double g2(double k11, double k12, double k21, double k22) {
    double rowEntropy = entropy(k11 + k12, k21 + k22);
    double columnEntropy = entropy(k11 + k21, k12 + k22);
    double matrixEntropy = entropy(k11, k12, k21, k22);
    if (rowEntropy + columnEntropy < matrixEntropy) {
      return 0; // round-off
    }
    return 2.0 * (rowEntropy + columnEntropy - matrixEntropy);
  }

  private static double xLogX(double x) {
    return x == 0 ? 0 : x * Math.log(x);
  }

  private static double entropy(double... k) {
    double sum = 0;
    double parts = 0;
    for (double v : k) {
      sum += v;
      parts += xLogX(v);
    }
    return xLogX(sum) - parts;
  }
}
