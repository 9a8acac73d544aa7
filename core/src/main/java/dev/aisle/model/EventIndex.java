package dev.aisle.model;

import dev.aisle.corpus.Corpus;
import java.util.Arrays;

/**
 * A corpus's events looked up by product (an inverted index) and by session: what pair counting
 * needs to walk every session that holds a product.
 *
 * <p>The events of product {@code p} are {@code events[start[p] .. start[p + 1])}, in corpus
 * order. Immutable once built.
 *
 * @param sessionOf the session of each event
 * @param start where each product's events begin in {@code events}; one more entry than products
 * @param events event positions grouped by product
 */
public record EventIndex(int[] sessionOf, int[] start, int[] events) {

  /** Builds the index in two passes over the events. */
  public static EventIndex of(Corpus corpus) {
    int n = corpus.products().size();
    int count = corpus.eventCount();
    int[] sessionOf = new int[count];
    for (int s = 0; s < corpus.sessionCount(); s++) {
      Arrays.fill(sessionOf, corpus.sessionStart(s), corpus.sessionEnd(s), s);
    }
    int[] start = new int[n + 1];
    for (int e = 0; e < count; e++) {
      start[corpus.item(e) + 1]++;
    }
    for (int p = 0; p < n; p++) {
      start[p + 1] += start[p];
    }
    int[] events = new int[count];
    int[] fill = Arrays.copyOf(start, n);
    for (int e = 0; e < count; e++) {
      events[fill[corpus.item(e)]++] = e;
    }
    return new EventIndex(sessionOf, start, events);
  }
}
