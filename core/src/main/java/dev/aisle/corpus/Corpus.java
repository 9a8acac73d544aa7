package dev.aisle.corpus;

import dev.aisle.catalog.Catalog;
import java.util.Arrays;
import java.util.List;

/**
 * Browse sessions, int-coded: what every Aisle model trains on. Sessions are in order of start
 * time; session {@code s} holds events {@code [sessionStart(s), sessionEnd(s))}, each with a
 * product ordinal, an epoch-ms time and an event type, in time order.
 *
 * <pre>
 * Corpus corpus = CorpusFile.read(Path.of("shop.corpus"));
 * for (int s = 0; s &lt; corpus.sessionCount(); s++) {
 *   for (int e = corpus.sessionStart(s); e &lt; corpus.sessionEnd(s); e++) {
 *     String product = corpus.products().id(corpus.item(e));
 *   }
 * }
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Corpus {
  private final ProductIndex products;
  private final String[] customers;
  private final String[] eventTypes;
  private final int[] offsets;
  private final int[] sessionCustomer;
  private final int[] items;
  private final long[] times;
  private final byte[] types;
  private final Catalog catalog;
  private final CorpusInfo info;

  Corpus(ProductIndex products, String[] customers, String[] eventTypes, int[] offsets,
      int[] sessionCustomer, int[] items, long[] times, byte[] types, Catalog catalog,
      CorpusInfo info) {
    if (offsets.length != sessionCustomer.length + 1) {
      throw new IllegalArgumentException("offsets must have one more entry than sessions");
    }
    int n = offsets[offsets.length - 1];
    if (items.length != n || times.length != n || types.length != n) {
      throw new IllegalArgumentException("event columns must all have " + n + " entries");
    }
    if (catalog.size() != products.size()) {
      throw new IllegalArgumentException("catalog size " + catalog.size()
          + " differs from product count " + products.size());
    }
    this.products = products;
    this.customers = customers;
    this.eventTypes = eventTypes;
    this.offsets = offsets;
    this.sessionCustomer = sessionCustomer;
    this.items = items;
    this.times = times;
    this.types = types;
    this.catalog = catalog;
    this.info = info;
  }

  /**
   * A corpus assembled elsewhere, e.g. by the Spark job, which sessionizes on a cluster by the same
   * rules as {@link CorpusBuilder} and collects the result. The arrays are taken as they are (not
   * copied): sessions in order of start time, events of session {@code s} at {@code
   * [offsets[s], offsets[s + 1])}.
   *
   * @param customers customer ids by ordinal (empty when the log named none)
   * @param eventTypes event type names by ordinal
   * @param sessionCustomer the customer ordinal of each session, or -1
   * @param catalog product metadata by ordinal, as large as {@code products}
   * @param info provenance, or null
   * @throws IllegalArgumentException when the columns do not fit together
   */
  public static Corpus of(ProductIndex products, String[] customers, String[] eventTypes,
      int[] offsets, int[] sessionCustomer, int[] items, long[] times, byte[] types,
      Catalog catalog, CorpusInfo info) {
    return new Corpus(products, customers, eventTypes, offsets, sessionCustomer, items, times,
        types, catalog, info);
  }

  public ProductIndex products() {
    return products;
  }

  public int sessionCount() {
    return sessionCustomer.length;
  }

  public int eventCount() {
    return items.length;
  }

  /** Customers with at least one session, by ordinal; empty when the log named none. */
  public int customerCount() {
    return customers.length;
  }

  public String customerId(int ordinal) {
    return customers[ordinal];
  }

  /** The customer ordinal of a session, or -1 when the log did not say. */
  public int sessionCustomer(int session) {
    return sessionCustomer[session];
  }

  /** The index of the session's first event. */
  public int sessionStart(int session) {
    return offsets[session];
  }

  /** One past the index of the session's last event. */
  public int sessionEnd(int session) {
    return offsets[session + 1];
  }

  public int sessionLength(int session) {
    return offsets[session + 1] - offsets[session];
  }

  /** The epoch-ms time of the session's first event. */
  public long sessionTime(int session) {
    return times[offsets[session]];
  }

  /** The product ordinals of a session, in browse order (a copy). */
  public int[] sessionItems(int session) {
    return Arrays.copyOfRange(items, offsets[session], offsets[session + 1]);
  }

  /** The product ordinal of event {@code e}. */
  public int item(int e) {
    return items[e];
  }

  /** The epoch-ms time of event {@code e}. */
  public long time(int e) {
    return times[e];
  }

  /** The event type ordinal of event {@code e}; see {@link #eventTypes()}. */
  public int type(int e) {
    return types[e];
  }

  /** Event type names by ordinal, e.g. {@code [view, cart]}. */
  public List<String> eventTypes() {
    return List.of(eventTypes);
  }

  public Catalog catalog() {
    return catalog;
  }

  public CorpusInfo info() {
    return info;
  }

  /**
   * Sessions {@code [from, to)} as a corpus of their own: products re-ranked by their counts in
   * those sessions (products not browsed there are dropped), customers and catalog kept. This is
   * how a time split takes the training and test parts out of one corpus.
   */
  public Corpus slice(int from, int to) {
    if (from < 0 || to > sessionCount() || from > to) {
      throw new IllegalArgumentException("bad session range [" + from + ", " + to + ") of "
          + sessionCount());
    }
    int first = offsets[from];
    int last = offsets[to];
    int[] count = new int[products.size()];
    for (int e = first; e < last; e++) {
      count[items[e]]++;
    }
    Integer[] used = java.util.stream.IntStream.range(0, count.length).filter(p -> count[p] > 0)
        .boxed().toArray(Integer[]::new);
    Arrays.sort(used, (a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a])
        : products.id(a).compareTo(products.id(b)));
    int[] newOrdinal = new int[count.length];
    String[] ids = new String[used.length];
    int[] counts = new int[used.length];
    Catalog.Builder cat = new Catalog.Builder(used.length);
    for (int i = 0; i < used.length; i++) {
      int p = used[i];
      newOrdinal[p] = i;
      ids[i] = products.id(p);
      counts[i] = count[p];
      cat.name(i, catalog.name(p)).category(i, catalog.category(p)).price(i, catalog.price(p))
          .stock(i, catalog.stock(p)).image(i, catalog.image(p));
    }
    int[] newOffsets = new int[to - from + 1];
    for (int s = from; s <= to; s++) {
      newOffsets[s - from] = offsets[s] - first;
    }
    int[] newItems = new int[last - first];
    for (int e = first; e < last; e++) {
      newItems[e - first] = newOrdinal[items[e]];
    }
    return new Corpus(new ProductIndex(ids, counts), customers, eventTypes, newOffsets,
        Arrays.copyOfRange(sessionCustomer, from, to), newItems,
        Arrays.copyOfRange(times, first, last), Arrays.copyOfRange(types, first, last),
        cat.build(), info);
  }

  /**
   * Sessions {@code [from, to)} over the same product vocabulary: ordinals, ids, counts and
   * catalog unchanged (so products absent from those sessions keep their place and their whole
   * corpus's count). A model trained on it scores the same products as one trained on the whole
   * corpus, so both can be evaluated on the same test sessions; this is how a validation split is
   * carved off a training corpus.
   */
  public Corpus sessionRange(int from, int to) {
    if (from < 0 || to > sessionCount() || from > to) {
      throw new IllegalArgumentException("bad session range [" + from + ", " + to + ") of "
          + sessionCount());
    }
    int first = offsets[from];
    int last = offsets[to];
    int[] newOffsets = new int[to - from + 1];
    for (int s = from; s <= to; s++) {
      newOffsets[s - from] = offsets[s] - first;
    }
    return new Corpus(products, customers, eventTypes, newOffsets,
        Arrays.copyOfRange(sessionCustomer, from, to), Arrays.copyOfRange(items, first, last),
        Arrays.copyOfRange(times, first, last), Arrays.copyOfRange(types, first, last), catalog,
        info);
  }

  /** The same sessions with another catalog and provenance. */
  Corpus with(Catalog newCatalog, CorpusInfo newInfo) {
    return new Corpus(products, customers, eventTypes, offsets, sessionCustomer, items, times,
        types, newCatalog, newInfo);
  }

  // package-private raw access for the file codec
  int[] offsets() {
    return offsets;
  }

  int[] sessionCustomers() {
    return sessionCustomer;
  }

  int[] items() {
    return items;
  }

  long[] times() {
    return times;
  }

  byte[] types() {
    return types;
  }

  String[] customers() {
    return customers;
  }

  String[] eventTypeArray() {
    return eventTypes;
  }
}
