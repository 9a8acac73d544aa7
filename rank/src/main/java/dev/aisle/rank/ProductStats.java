package dev.aisle.rank;

import dev.aisle.corpus.Corpus;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * What the ranker knows of each product besides the candidate models: how often it was browsed
 * overall and lately, and its category (as a small integer, -1 = none).
 *
 * @param count events per product ordinal over the whole corpus
 * @param recent events per product ordinal in the latest share of the corpus's events
 * @param category category code per product ordinal, -1 when the catalog has none
 * @param hasCategories whether the corpus had a catalog with categories
 */
record ProductStats(int[] count, int[] recent, int[] category, boolean hasCategories) {

  /** Counts over {@code corpus}; recent = its latest {@code recentFraction} of events by time. */
  static ProductStats of(Corpus corpus, double recentFraction) {
    int n = corpus.products().size();
    int[] count = new int[n];
    int[] recent = new int[n];
    long[] times = new long[corpus.eventCount()];
    for (int e = 0; e < corpus.eventCount(); e++) {
      count[corpus.item(e)]++;
      times[e] = corpus.time(e);
    }
    java.util.Arrays.sort(times);
    int first = (int) Math.min(times.length - 1L, Math.round(times.length * (1 - recentFraction)));
    long since = times.length == 0 ? Long.MIN_VALUE : times[Math.max(0, first)];
    for (int e = 0; e < corpus.eventCount(); e++) {
      if (corpus.time(e) >= since) {
        recent[corpus.item(e)]++;
      }
    }
    int[] category = new int[n];
    Map<String, Integer> codes = new HashMap<>();
    for (int p = 0; p < n; p++) {
      String c = corpus.catalog().category(p);
      category[p] = c == null ? -1 : codes.computeIfAbsent(c, k -> codes.size());
    }
    return new ProductStats(count, recent, category, corpus.catalog().hasCategories());
  }

  void write(BinaryWriter out) {
    out.writeVarInt(count.length);
    for (int p = 0; p < count.length; p++) {
      out.writeVarInt(count[p]);
      out.writeVarInt(recent[p]);
      out.writeZigZag(category[p]);
    }
    out.writeByte(hasCategories ? 1 : 0);
  }

  static ProductStats read(BinaryReader in, int products) {
    int n = in.readCount(products, "product statistics");
    if (n != products) {
      throw new dev.aisle.BadInputException(in.source() + ": statistics of " + n
          + " products for a vocabulary of " + products);
    }
    int[] count = new int[n];
    int[] recent = new int[n];
    int[] category = new int[n];
    for (int p = 0; p < n; p++) {
      count[p] = in.readVarInt();
      recent[p] = in.readVarInt();
      category[p] = (int) in.readZigZag();
    }
    return new ProductStats(count, recent, category, in.readByte() == 1);
  }
}
