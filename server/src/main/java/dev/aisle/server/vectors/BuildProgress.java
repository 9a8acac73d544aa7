package dev.aisle.server.vectors;

/**
 * Where loading reports how far it is: the step under way (e.g. {@code "item2vec: HNSW graph"})
 * and how much of it is done. The model registry logs it and shows it on {@code /health}.
 *
 * <p>Implementations are thread-safe: index builds report from several workers.
 */
public interface BuildProgress {
  /** Reports nothing. */
  BuildProgress NONE = (step, done, total) -> { };

  /**
   * @param step what is being done, for people
   * @param done units done so far
   * @param total units in all, or 0 when unknown
   */
  void report(String step, long done, long total);
}
