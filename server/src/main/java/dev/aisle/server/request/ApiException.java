package dev.aisle.server.request;

/**
 * A request the server refuses, with the HTTP status and the request field at fault. Becomes a
 * JSON body {@code {"error": message, "field": field, "status": status}}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;

  /**
   * @param status the HTTP status, 4xx
   * @param field the request field, parameter or header at fault, or null
   */
  public ApiException(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  /** A 400 naming {@code field}. */
  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, field, message);
  }

  public int status() {
    return status;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }
}
