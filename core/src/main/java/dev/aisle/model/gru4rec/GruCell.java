package dev.aisle.model.gru4rec;

/**
 * The gates of one GRU step, as PyTorch's {@code GRUCell} computes them from the input's and the
 * hidden state's projections {@code gi = W_ih x + b_ih} and {@code gh = W_hh h + b_hh}, each laid
 * out as three blocks of {@code H} in the order reset, update, new:
 *
 * <pre>
 * r  = sigmoid(gi_r + gh_r)
 * z  = sigmoid(gi_z + gh_z)
 * n  = tanh(gi_n + r * gh_n)
 * h' = (1 - z) * n + z * h
 * </pre>
 *
 * Shared by the trainer (which keeps {@code r}, {@code z} and {@code n} for the backward pass) and
 * the model's queries, so both compute the same numbers.
 */
final class GruCell {
  private GruCell() {}

  /**
   * One row's gates.
   *
   * @param gi the input's projection, {@code 3h} floats from {@code gio}
   * @param gh the hidden state's projection, {@code 3h} floats from {@code gho}
   * @param prev the previous hidden state, {@code h} floats from {@code po}
   * @param r receives the reset gate, {@code h} floats from {@code go}; likewise {@code z}, {@code
   *     n}
   * @param next receives the new hidden state, {@code h} floats from {@code no}; may be {@code
   *     prev} at the same offset
   */
  static void gates(int h, float[] gi, int gio, float[] gh, int gho, float[] prev, int po,
      float[] r, float[] z, float[] n, int go, float[] next, int no) {
    for (int k = 0; k < h; k++) {
      float rk = sigmoid(gi[gio + k] + gh[gho + k]);
      float zk = sigmoid(gi[gio + h + k] + gh[gho + h + k]);
      float nk = (float) Math.tanh(gi[gio + 2 * h + k] + rk * gh[gho + 2 * h + k]);
      r[go + k] = rk;
      z[go + k] = zk;
      n[go + k] = nk;
      next[no + k] = (1 - zk) * nk + zk * prev[po + k];
    }
  }

  static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }
}
