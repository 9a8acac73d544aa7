package dev.aisle.server.request;

/** Query parameters read and checked, refused with a 400 naming the parameter. */
public final class QueryParams {
  private QueryParams() {}

  /**
   * A whole number in {@code min..max}.
   *
   * @param value the parameter as sent, or null when absent
   * @return {@code defaultValue} when absent or empty
   */
  public static int integer(String name, String value, int defaultValue, int min, int max) {
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    int x;
    try {
      x = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, name + " must be a whole number, was '" + value + "'");
    }
    if (x < min || x > max) {
      throw ApiException.badRequest(name, name + " must be in " + min + ".." + max + ", was " + x);
    }
    return x;
  }
}
