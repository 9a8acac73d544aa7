package dev.aisle;

/**
 * Input that Aisle cannot use: a malformed row under {@code --strict}, a missing column, an
 * unreadable or corrupt file. The message is meant for the person who supplied the input: it says
 * what was wrong and where ({@code FILE:LINE: reason (field)}), never a stack trace. The command
 * line maps it to exit code 2, the server to HTTP 400.
 */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
