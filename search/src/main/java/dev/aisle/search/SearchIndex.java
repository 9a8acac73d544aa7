package dev.aisle.search;

import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * A search engine's collection or index that Aisle exports a model into and answers from: what
 * each engine does in its own protocol ({@link #export}, the alias move), and the re-export
 * without downtime that is the same for all of them ({@link #exportBehindAlias}).
 *
 * <pre>
 * try (SearchIndex index = SearchEngines.connect(SearchUri.parse("solr://localhost:8983/shop"))) {
 *   index.exportBehindAlias(docs, ExportOptions.DEFAULTS, null); // shop -> shop_0123abcd4567
 * }
 * </pre>
 *
 * <p>Implementations are thread-safe for queries; an export is one caller's.
 */
public interface SearchIndex extends SearchBackend {
  /**
   * Creates the collection or index under {@link SearchUri#name()} and indexes every product of
   * {@code docs}, then makes them searchable and checks the count.
   *
   * @param progress told the number of products indexed so far, or null
   * @throws IllegalStateException when it exists and {@code options.replace()} is false
   */
  void export(ProductDocuments docs, ExportOptions options, IntConsumer progress);

  /** The same engine's collection or index called {@code name}. */
  SearchIndex named(String name);

  /** What the engine calls the thing with an article, for messages: "a collection". */
  String kind();

  /** Whether the name holds documents itself: a collection or index, not an alias. */
  boolean holdsDocuments();

  /** The collections or indexes the alias of this name points to; empty when there is none. */
  List<String> aliasTargets();

  /**
   * Points the alias of this name at {@code target} in one step, away from {@code previous}:
   * queries through the alias see one or the other, never neither.
   */
  void moveAlias(String target, List<String> previous);

  /** Drops the collection or index. */
  void drop();

  /** Documents held, the model document included. */
  long count();

  /**
   * Checks that an export of {@code docs} arrived whole: one document per product and the model's.
   *
   * @throws SearchEngineException naming both counts when the engine holds another number
   */
  default void checkCount(ProductDocuments docs) {
    long found = count();
    if (found != docs.size() + 1L) {
      throw new SearchEngineException(200, uri() + ": indexed " + (docs.size() + 1)
          + " documents but " + kind().replaceFirst("^an? ", "the ") + " holds " + found);
    }
  }

  /**
   * Exports into a collection or index of its own, {@link #physicalName}, then moves the alias of
   * this name to it and drops what the alias pointed to before: queries through the alias see the
   * old model until the new one is complete, never an empty or half-built one.
   *
   * @return the collection or index now behind the alias
   * @throws IllegalStateException when a collection or index (not an alias) has the name
   */
  default String exportBehindAlias(ProductDocuments docs, ExportOptions options,
      IntConsumer progress) {
    String name = uri().name();
    if (holdsDocuments()) {
      throw new IllegalStateException(uri() + ": '" + name + "' is " + kind() + ", and an alias "
          + "cannot take its name; drop it, or export into it with --replace instead");
    }
    List<String> previous = aliasTargets();
    String target = physicalName(name, docs);
    named(target).export(docs, options.withReplace(true), progress);
    moveAlias(target, previous);
    for (String old : previous) {
      if (!old.equals(target)) {
        named(old).drop();
      }
    }
    return target;
  }

  /** {@code NAME_} and the first 12 characters of the model's checksum (letters and digits). */
  static String physicalName(String name, ProductDocuments docs) {
    String c = docs.info().checksum().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return name + "_" + c.substring(0, Math.min(12, c.length()));
  }
}
