package dev.aisle.ingest;

/**
 * Why an event did not make it into the corpus. Malformed rows stop ingest under {@code --strict};
 * the rest are the cleaning the field does on purpose, counted all the same.
 */
public enum SkipReason {
  MISSING_FIELD("missing field", true),
  UNTERMINATED_QUOTE("unterminated quote", true),
  EMPTY_ID("empty id", true),
  UNPARSEABLE_TIMESTAMP("unparseable timestamp", true),
  IMPOSSIBLE_TIMESTAMP("impossible timestamp (before 1990 or after 2099)", true),
  INVALID_UTF8("invalid UTF-8", true),
  MALFORMED_JSON("malformed JSON", true),
  EVENT_NOT_SELECTED("event type not selected (--events)", false),
  REPEAT_COLLAPSED("consecutive repeat collapsed (--repeats collapse)", false),
  BOT("bot-like customer (--bot-max-session-length / --bot-max-rate)", false),
  SHORT_SESSION("session shorter than --min-session-length", false),
  RARE_PRODUCT("product seen fewer than --min-product-count times", false);

  private final String description;
  private final boolean malformed;

  SkipReason(String description, boolean malformed) {
    this.description = description;
    this.malformed = malformed;
  }

  /** A short phrase for messages and reports. */
  public String description() {
    return description;
  }

  /** The stable key in {@code stats --json}: the constant name in lower case. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True for rows that are broken, as opposed to removed by a cleaning rule. */
  public boolean malformed() {
    return malformed;
  }
}
