package dev.aisle.spark.ingest;

import dev.aisle.ingest.LogFormat;
import dev.aisle.ingest.ParsedRow;
import dev.aisle.ingest.RowParser;
import dev.aisle.ingest.SkipReason;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of a parsed log: one row per event read, or per row skipped, with where it came
 * from and how far it got through validation.
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>meaning</th></tr>
 *   <tr><td>{@code file}, {@code pos}, {@code sub}</td><td>input order: the file's index in the
 *       input list, the line's byte offset (line index in a compressed file), the event's index
 *       within the line (OTTO's nested events; else 0)</td></tr>
 *   <tr><td>{@code stage}</td><td>{@link #SKIPPED}, {@link #TYPED}, {@link #KEYED} or
 *       {@link #ACCEPTED}</td></tr>
 *   <tr><td>{@code skip}, {@code field}</td><td>the {@link dev.aisle.ingest.SkipReason} name and
 *       the field it concerns; null for accepted events</td></tr>
 *   <tr><td>{@code key}, {@code customer}, {@code product}, {@code ts}, {@code type},
 *       {@code category}</td><td>session or customer id, customer id beside a session id (or
 *       null), product id, epoch ms, canonical event type, the log's category (or null)</td></tr>
 * </table>
 */
public final class ParsedRows {
  /** Skipped before its event type was looked at. */
  public static final int SKIPPED = 0;
  /** Its event type was read and selected (it counts for the order of event types). */
  public static final int TYPED = 1;
  /** Its key was taken (it counts for the order in which keys first appear). */
  public static final int KEYED = 2;
  /** An event of the log. */
  public static final int ACCEPTED = 3;

  public static final StructType SCHEMA = new StructType()
      .add("file", DataTypes.IntegerType, false)
      .add("pos", DataTypes.LongType, false)
      .add("sub", DataTypes.IntegerType, false)
      .add("stage", DataTypes.IntegerType, false)
      .add("skip", DataTypes.StringType, true)
      .add("field", DataTypes.StringType, true)
      .add("key", DataTypes.StringType, true)
      .add("customer", DataTypes.StringType, true)
      .add("product", DataTypes.StringType, true)
      .add("ts", DataTypes.LongType, true)
      .add("type", DataTypes.StringType, true)
      .add("category", DataTypes.StringType, true);

  private ParsedRows() {}

  /**
   * Takes what core's {@link RowParser} finds in one line (or columnar record) as rows of this
   * schema: skips as {@link #SKIPPED}; events whose ids are not UTF-8 as skips at the stage they
   * reached, {@link #TYPED} or {@link #KEYED}, the order {@code aisle ingest} checks them in; the
   * rest as {@link #ACCEPTED}.
   *
   * <p>Not thread-safe: one per task.
   */
  static final class Collector implements RowParser.Rows {
    private final LogFormat format;
    private final List<Row> out;
    private int file;
    private long pos;

    Collector(LogFormat format, List<Row> out) {
      this.format = format;
      this.out = out;
    }

    /** Where the next records come from: the file's index and the line's position. */
    void at(int fileIndex, long position) {
      this.file = fileIndex;
      this.pos = position;
    }

    @Override
    public void skip(int record, SkipReason reason, String field) {
      out.add(row(record, SKIPPED, reason, field, null, null, null, null, null, null));
    }

    @Override
    public void row(int record, ParsedRow r) {
      if (!r.keyIsUtf8()) {
        out.add(row(record, TYPED, SkipReason.INVALID_UTF8, format.keyColumn(), null, null, null,
            r.millis(), r.type(), null));
        return;
      }
      String key = r.key();
      if (!r.productIsUtf8()) {
        out.add(row(record, KEYED, SkipReason.INVALID_UTF8, format.productColumn(), key, null,
            null, r.millis(), r.type(), null));
        return;
      }
      String product = r.product();
      String customer = null;
      if (r.hasCustomer()) {
        if (!r.customerIsUtf8()) {
          out.add(row(record, KEYED, SkipReason.INVALID_UTF8, format.customerColumn(), key,
              null, product, r.millis(), r.type(), null));
          return;
        }
        customer = r.customer();
      }
      out.add(row(record, ACCEPTED, null, null, key, customer, product, r.millis(), r.type(),
          r.category()));
    }

    private Row row(int record, int stage, SkipReason reason, String field, String key,
        String customer, String product, Long ts, String type, String category) {
      return RowFactory.create(file, pos, record, stage, reason == null ? null : reason.name(),
          field, key, customer, product, ts, type, category);
    }
  }
}
