package dev.aisle.options;

import dev.aisle.ingest.Grouping;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.LogFormat;
import dev.aisle.ingest.Preset;
import dev.aisle.ingest.TimeFormat;
import dev.aisle.session.CleaningOptions;
import dev.aisle.session.SessionSplitter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options that say how to read browse logs and clean their sessions: a picocli mixin shared
 * by every command that reads logs ({@code aisle ingest}, {@code train}, {@code evaluate}, {@code
 * aisle spark}), so they mean the same everywhere.
 *
 * <p>In a command: {@code @Mixin LogOptions log = new LogOptions();}, then {@code
 * log.ingestOptions()} and {@code log.cleaning()}.
 */
public class LogOptions {
  @Option(names = "--format", paramLabel = "F", defaultValue = "aisle",
      description = "Log format: aisle, session-rec, diginetica, taobao, otto, retailrocket, "
          + "or csv, tsv, jsonl with the column options. Default: ${DEFAULT-VALUE}.")
  private String format;

  @Option(names = "--session-col", paramLabel = "COL",
      description = "Column with session ids: group by session (name, or 1-based position).")
  private String sessionCol;

  @Option(names = "--customer-col", paramLabel = "COL",
      description = "Column with customer ids: split each customer's events at the session gap.")
  private String customerCol;

  @Option(names = "--product-col", paramLabel = "COL", description = "Column with product ids.")
  private String productCol;

  @Option(names = "--time-col", paramLabel = "COL", description = "Column with the timestamp.")
  private String timeCol;

  @Option(names = "--offset-col", paramLabel = "COL",
      description = "Column with a millisecond offset added to the time (date+offset-ms).")
  private String offsetCol;

  @Option(names = "--time-format", paramLabel = "TF",
      description = "epoch-s, epoch-ms, epoch-float, iso or date+offset-ms.")
  private String timeFormat;

  @Option(names = "--event-col", paramLabel = "COL",
      description = "Column with the event type (view, cart, ...).")
  private String eventCol;

  @Option(names = "--events", paramLabel = "TYPES", split = ",",
      description = "Keep only these event types, e.g. view,cart (pv, clicks, addtocart... are "
          + "understood). Default: all.")
  private List<String> events;

  @Option(names = "--delimiter", paramLabel = "D",
      description = "Field delimiter of delimited logs: ',', ';', '\\t' or 'tab'.")
  private String delimiter;

  @Option(names = "--no-header", description = "The delimited log has no header line.")
  private boolean noHeader;

  @Option(names = "--session-gap", paramLabel = "DURATION", defaultValue = "30m",
      converter = DurationConverter.class,
      description = "A pause longer than this starts a new session (e.g. 30m, 1h). "
          + "Default: ${DEFAULT-VALUE}.")
  private Duration sessionGap = SessionSplitter.DEFAULT_GAP;

  @Option(names = "--repeats", paramLabel = "keep|collapse", defaultValue = "keep",
      description = "Keep or collapse consecutive views of the same product. "
          + "Default: ${DEFAULT-VALUE}.")
  private Repeats repeats;

  @Option(names = "--min-session-length", paramLabel = "N", defaultValue = "2",
      description = "Drop sessions with fewer events. Default: ${DEFAULT-VALUE}.")
  private int minSessionLength;

  @Option(names = "--min-product-count", paramLabel = "N", defaultValue = "5",
      description = "Drop products browsed fewer times. Default: ${DEFAULT-VALUE}.")
  private int minProductCount;

  @Option(names = "--bot-max-session-length", paramLabel = "N", defaultValue = "1000",
      description = "A customer with a longer session is a bot and dropped (0 = off). "
          + "Default: ${DEFAULT-VALUE}.")
  private int botMaxSessionLength;

  @Option(names = "--bot-max-rate", paramLabel = "PER_MIN", defaultValue = "60",
      description = "A customer browsing faster than this many events a minute over a session "
          + "of 10+ events is a bot and dropped (0 = off). Default: ${DEFAULT-VALUE}.")
  private double botMaxRate;

  @Option(names = "--strict", description = "Stop at the first malformed row (exit code 2).")
  private boolean strict;

  /** What to do with consecutive views of the same product. */
  public enum Repeats {
    keep,
    collapse
  }

  /** The {@code --format} label as given. */
  public String format() {
    return format;
  }

  /** The log format: the preset, with any column options laid over it. */
  public LogFormat logFormat() {
    LogFormat f = Preset.fromLabel(format).format();
    if (sessionCol != null) {
      f = f.withGrouping(Grouping.SESSION, sessionCol,
          customerCol != null ? customerCol : f.customerColumn());
    } else if (customerCol != null) {
      f = f.withGrouping(Grouping.CUSTOMER, null, customerCol);
    }
    f = f.withColumns(productCol, timeCol, offsetCol, eventCol);
    if (timeFormat != null) {
      f = f.withTimeFormat(TimeFormat.fromLabel(timeFormat));
    }
    if (delimiter != null || noHeader) {
      f = f.withText(delimiter == null ? f.delimiter() : parseDelimiter(delimiter),
          f.header() && !noHeader);
    }
    return f;
  }

  private static char parseDelimiter(String d) {
    switch (d) {
      case "\\t":
      case "tab":
      case "\t":
        return '\t';
      default:
        if (d.length() != 1) {
          throw new IllegalArgumentException("--delimiter must be one character or 'tab', was '"
              + d + "'");
        }
        return d.charAt(0);
    }
  }

  /** How sessions are cleaned. */
  public CleaningOptions cleaning() {
    return new CleaningOptions(repeats == Repeats.collapse, minSessionLength, minProductCount,
        botMaxSessionLength, botMaxRate);
  }

  /** How the logs are read and cut into sessions. */
  public IngestOptions ingestOptions() {
    Set<String> selected = events == null ? null : new LinkedHashSet<>(events);
    return new IngestOptions(logFormat(), selected, sessionGap, strict);
  }
}
