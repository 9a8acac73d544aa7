package dev.aisle.ingest;

import dev.aisle.ingest.LogFormat.Syntax;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named log formats: the public datasets of the field, Aisle's own log, and the three generic
 * syntaxes whose columns are set with flags. Each preset's columns follow the dataset's own
 * documentation.
 */
public enum Preset {
  /** Aisle's own log, as {@code aisle generate} writes it: {@code customer_id,product_id,timestamp,event}. */
  AISLE("aisle", "CSV customer_id,product_id,timestamp(ISO-8601),event; split at the session gap",
      new LogFormat("aisle", Syntax.DELIMITED, ',', true, Grouping.CUSTOMER, null, "customer_id",
          "product_id", "timestamp", null, "event", null, TimeFormat.ISO, null)),
  /** session-rec's prepared files (YooChoose, RSC15): {@code SessionId\tItemId\tTime}. */
  SESSION_REC("session-rec", "TSV SessionId,ItemId,Time(epoch seconds, float); given sessions",
      new LogFormat("session-rec", Syntax.DELIMITED, '\t', true, Grouping.SESSION, "SessionId", null,
          "ItemId", "Time", null, null, null, TimeFormat.EPOCH_FLOAT, null)),
  /** CIKM Cup 2016 train-item-views: {@code sessionId;userId;itemId;timeframe;eventdate}. */
  DIGINETICA("diginetica",
      "semicolon sessionId;userId;itemId;timeframe;eventdate (date + ms offset); given sessions",
      new LogFormat("diginetica", Syntax.DELIMITED, ';', true, Grouping.SESSION, "sessionId",
          "userId", "itemId", "eventdate", "timeframe", null, null, TimeFormat.DATE_OFFSET_MS,
          "NA")),
  /** Tianchi UserBehavior: {@code user,item,category,behavior,ts}, no header. */
  TAOBAO("taobao", "CSV user,item,category,behavior,timestamp(epoch s), no header; split at the gap",
      new LogFormat("taobao", Syntax.DELIMITED, ',', false, Grouping.CUSTOMER, null, "1", "2", "5",
          null, "4", "3", TimeFormat.EPOCH_S, null)),
  /** OTTO's JSON lines; one OTTO session spans weeks, so it is a customer split at the gap. */
  OTTO("otto", "JSON lines {session, events:[{aid, ts(epoch ms), type}]}; split at the gap",
      new LogFormat("otto", Syntax.OTTO_JSON_LINES, ',', false, Grouping.CUSTOMER, null, "session",
          "aid", "ts", null, "type", null, TimeFormat.EPOCH_MS, null)),
  /** RetailRocket events.csv: {@code timestamp,visitorid,event,itemid,transactionid}. */
  RETAILROCKET("retailrocket",
      "CSV timestamp(epoch ms),visitorid,event,itemid,transactionid; split at the gap",
      new LogFormat("retailrocket", Syntax.DELIMITED, ',', true, Grouping.CUSTOMER, null,
          "visitorid", "itemid", "timestamp", null, "event", null, TimeFormat.EPOCH_MS, null)),
  /** Any comma-separated log; columns default to Aisle's names and are set with flags. */
  CSV("csv", "comma-separated with a header; map columns with --customer-col/--session-col, ...",
      new LogFormat("csv", Syntax.DELIMITED, ',', true, Grouping.CUSTOMER, null, "customer_id",
          "product_id", "timestamp", null, null, null, TimeFormat.ISO, null)),
  /** Any tab-separated log. */
  TSV("tsv", "tab-separated with a header; map columns with flags",
      new LogFormat("tsv", Syntax.DELIMITED, '\t', true, Grouping.CUSTOMER, null, "customer_id",
          "product_id", "timestamp", null, null, null, TimeFormat.ISO, null)),
  /** Any flat JSON-lines log: one object per line whose keys are the columns. */
  JSONL("jsonl", "one flat JSON object per line; map keys with flags",
      new LogFormat("jsonl", Syntax.JSON_LINES, ',', false, Grouping.CUSTOMER, null, "customer_id",
          "product_id", "timestamp", null, null, null, TimeFormat.ISO, null));

  private final String label;
  private final String description;
  private final LogFormat format;

  Preset(String label, String description, LogFormat format) {
    this.label = label;
    this.description = description;
    this.format = format;
  }

  /** The name used with {@code --format}. */
  public String label() {
    return label;
  }

  /** One line on what the preset reads. */
  public String description() {
    return description;
  }

  public LogFormat format() {
    return format;
  }

  /** Looks a preset up by its {@code --format} name; the error lists the known names. */
  public static Preset fromLabel(String label) {
    for (Preset p : values()) {
      if (p.label.equals(label.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + label + "'; use one of " + labels());
  }

  /** The known names, comma-separated. */
  public static String labels() {
    return Arrays.stream(values()).map(Preset::label).collect(Collectors.joining(", "));
  }
}
