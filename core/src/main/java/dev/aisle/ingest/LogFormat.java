package dev.aisle.ingest;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where the fields of a browse log are and how to read them. Columns are header names (matched
 * ignoring case, spaces, dashes and underscores, so {@code session_id} finds {@code sessionId}), or
 * 1-based positions for files without a header. {@code null} means the log has no such column.
 *
 * @param name a label for messages, e.g. the preset's name
 * @param syntax delimited text, flat JSON lines, or OTTO's nested JSON lines
 * @param delimiter the field separator of delimited text
 * @param header whether the first line names the columns
 * @param grouping given session ids, or customer ids split at a time gap
 * @param sessionColumn the session id column (required for {@link Grouping#SESSION})
 * @param customerColumn the customer id column (required for {@link Grouping#CUSTOMER})
 * @param productColumn the product id column (always required)
 * @param timeColumn the timestamp column (always required)
 * @param offsetColumn the millisecond offset added to the time column ({@code date+offset-ms})
 * @param eventColumn the event type column, or null when every row is a view
 * @param categoryColumn a product category column in the log itself (Taobao), or null
 * @param timeFormat how the time column is written
 * @param missingValue a cell value that means "absent" (DIGINETICA writes {@code NA}), or null
 */
public record LogFormat(
    String name,
    Syntax syntax,
    char delimiter,
    boolean header,
    Grouping grouping,
    String sessionColumn,
    String customerColumn,
    String productColumn,
    String timeColumn,
    String offsetColumn,
    String eventColumn,
    String categoryColumn,
    TimeFormat timeFormat,
    String missingValue) implements Serializable {

  /** The layout of the file as text. */
  public enum Syntax {
    DELIMITED,
    JSON_LINES,
    /** One session per line: {@code {"session": 1, "events": [{"aid", "ts", "type"}]}}. */
    OTTO_JSON_LINES
  }

  public LogFormat {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(syntax, "syntax");
    Objects.requireNonNull(grouping, "grouping");
    Objects.requireNonNull(timeFormat, "timeFormat");
    if (syntax != Syntax.OTTO_JSON_LINES) {
      if (productColumn == null) {
        throw new IllegalArgumentException(name + ": the product column is not set (--product-col)");
      }
      if (timeColumn == null) {
        throw new IllegalArgumentException(name + ": the time column is not set (--time-col)");
      }
      if (grouping == Grouping.SESSION && sessionColumn == null) {
        throw new IllegalArgumentException(
            name + ": grouping by session needs a session column (--session-col)");
      }
      if (grouping == Grouping.CUSTOMER && customerColumn == null) {
        throw new IllegalArgumentException(
            name + ": grouping by customer needs a customer column (--customer-col)");
      }
      if (timeFormat == TimeFormat.DATE_OFFSET_MS && offsetColumn == null) {
        throw new IllegalArgumentException(
            name + ": time format date+offset-ms needs an offset column (--offset-col)");
      }
    }
  }

  /** The column that groups events: the session column, or the customer column. */
  public String keyColumn() {
    return grouping == Grouping.SESSION ? sessionColumn : customerColumn;
  }

  /** A copy with the given grouping and key columns. */
  public LogFormat withGrouping(Grouping g, String session, String customer) {
    return new LogFormat(name, syntax, delimiter, header, g, session, customer, productColumn,
        timeColumn, offsetColumn, eventColumn, categoryColumn, timeFormat, missingValue);
  }

  /** A copy with other field columns; a null argument keeps the current value. */
  public LogFormat withColumns(String product, String time, String offset, String event) {
    return new LogFormat(name, syntax, delimiter, header, grouping, sessionColumn, customerColumn,
        product != null ? product : productColumn, time != null ? time : timeColumn,
        offset != null ? offset : offsetColumn, event != null ? event : eventColumn,
        categoryColumn, timeFormat, missingValue);
  }

  /** A copy with another time format. */
  public LogFormat withTimeFormat(TimeFormat f) {
    return new LogFormat(name, syntax, delimiter, header, grouping, sessionColumn, customerColumn,
        productColumn, timeColumn, offsetColumn, eventColumn, categoryColumn, f, missingValue);
  }

  /** A copy with another delimiter and header setting. */
  public LogFormat withText(char delim, boolean hasHeader) {
    return new LogFormat(name, syntax, delim, hasHeader, grouping, sessionColumn, customerColumn,
        productColumn, timeColumn, offsetColumn, eventColumn, categoryColumn, timeFormat,
        missingValue);
  }
}
