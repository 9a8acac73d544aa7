package dev.aisle.search;

/**
 * A search engine refused a request or could not be reached. The message names the engine's
 * address, what was asked and the engine's own reason.
 */
public class SearchEngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status the engine's HTTP status, or 0 when no node answered
   */
  public SearchEngineException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public SearchEngineException(int status, String message) {
    this(status, message, null);
  }

  /** The engine's HTTP status, or 0 when no node answered. */
  public int status() {
    return status;
  }
}
