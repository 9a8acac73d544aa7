package dev.aisle.ingest;

import java.nio.charset.StandardCharsets;

/**
 * One event as {@link RowParser} found it valid: trimmed id ranges into {@link #bytes()}, the time
 * in epoch milliseconds (offset added) and the canonical event type. What is left to the receiver
 * is to take the ids, which it may do without creating strings: the ids are not yet checked to be
 * UTF-8. A receiver checks them in the order key, product, customer, and skips the row as {@link
 * SkipReason#INVALID_UTF8} naming the first column that is not.
 *
 * <p>A view reused for every row of a parser: valid only during the call that hands it out.
 */
public final class ParsedRow {
  byte[] bytes;
  int keyStart;
  int keyEnd;
  int productStart;
  int productEnd;
  /** -1 when the row has no customer beside its session (no column, empty or missing value). */
  int customerStart = -1;
  int customerEnd;
  /** -1 when the row has no category (no column, empty, or not UTF-8). */
  int categoryStart = -1;
  int categoryEnd;
  long millis;
  String type;
  /** The parser's number for the raw event name, or -1 where the log has no event column. */
  int typeCode;

  ParsedRow() {}

  /** The buffer the ranges point into. */
  public byte[] bytes() {
    return bytes;
  }

  /** Epoch milliseconds, UTC. */
  public long millis() {
    return millis;
  }

  /** The canonical event type ({@link EventTypes}). */
  public String type() {
    return type;
  }

  /** Whether the session or customer id is valid UTF-8. */
  public boolean keyIsUtf8() {
    return DelimitedLine.isUtf8(bytes, keyStart, keyEnd);
  }

  /** The session or customer id; check {@link #keyIsUtf8} first. */
  public String key() {
    return new String(bytes, keyStart, keyEnd - keyStart, StandardCharsets.UTF_8);
  }

  public boolean productIsUtf8() {
    return DelimitedLine.isUtf8(bytes, productStart, productEnd);
  }

  /** The product id; check {@link #productIsUtf8} first. */
  public String product() {
    return new String(bytes, productStart, productEnd - productStart, StandardCharsets.UTF_8);
  }

  /** Whether a customer id stands beside the session id. */
  public boolean hasCustomer() {
    return customerStart >= 0;
  }

  public boolean customerIsUtf8() {
    return DelimitedLine.isUtf8(bytes, customerStart, customerEnd);
  }

  /** The customer id beside the session id; check {@link #hasCustomer} and UTF-8 first. */
  public String customer() {
    return new String(bytes, customerStart, customerEnd - customerStart,
        StandardCharsets.UTF_8);
  }

  /** The log's category of the product, or null. */
  public String category() {
    return categoryStart < 0 ? null
        : new String(bytes, categoryStart, categoryEnd - categoryStart, StandardCharsets.UTF_8);
  }
}
