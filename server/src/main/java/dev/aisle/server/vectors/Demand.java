package dev.aisle.server.vectors;

/**
 * How many products a request returns and how many candidates that takes: the rules applied after
 * ranking (exclusions, a category, stock, a per-category limit) drop some of the best, so more are
 * ranked than returned.
 *
 * @param k products the answer holds
 * @param excluded product ids the request excludes
 * @param filtering whether a category, stock or per-category rule may drop more
 */
public record Demand(int k, int excluded, boolean filtering) {
  public Demand {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    if (excluded < 0) {
      throw new IllegalArgumentException("excluded must be >= 0, was " + excluded);
    }
  }

  /** Candidates an exact answer ranks: {@code k + 1}, or {@code 20 k} under filters, plus exclusions. */
  public int candidates() {
    return (filtering ? k * 20 : k + 1) + excluded;
  }

  /** Candidates asked of an approximate index, which may miss a few: {@code 4 k + 1} plus exclusions. */
  int approximateCandidates() {
    return k * 4 + excluded + 1;
  }
}
