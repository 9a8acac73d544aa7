package dev.aisle.server;

/**
 * A request the server refuses, with the HTTP status and the request field at fault. Becomes a
 * JSON body {@code {"error": message, "field": field, "status": status}}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String field;

  ApiException(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  static ApiException badRequest(String field, String message) {
    return new ApiException(400, field, message);
  }
}
