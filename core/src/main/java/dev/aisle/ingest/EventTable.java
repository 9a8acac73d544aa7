package dev.aisle.ingest;

import java.util.Arrays;

/**
 * The parsed events of one ingest run, in input order, as parallel primitive columns with ids
 * dictionary-coded. Sessionizing reorders indices into this table; the table itself is never
 * sorted. About 21 bytes an event.
 *
 * <p>Not thread-safe.
 */
public final class EventTable {
  final ByteDictionary keys = new ByteDictionary(); // session ids or customer ids
  final ByteDictionary customers = new ByteDictionary(); // customer ids next to session ids
  final ByteDictionary products = new ByteDictionary();
  final ByteDictionary eventTypes = new ByteDictionary();
  private final boolean keyIsCustomer;
  private int[] key;
  private int[] customer;
  private int[] product;
  private long[] time;
  private byte[] type;
  private int size;
  /** Product ordinal -> category id from the log itself, or null entries. */
  private String[] categories = new String[0];

  /**
   * @param keyIsCustomer true when the key column holds customer ids (sessions are cut at gaps)
   * @param expectedEvents a capacity hint, e.g. from the input size
   */
  public EventTable(boolean keyIsCustomer, int expectedEvents) {
    this.keyIsCustomer = keyIsCustomer;
    int cap = Math.max(1024, expectedEvents);
    key = new int[cap];
    customer = keyIsCustomer ? null : new int[cap];
    product = new int[cap];
    time = new long[cap];
    type = new byte[cap];
  }

  /** Adds one event; {@code customerOrd} is -1 when unknown and ignored when keys are customers. */
  void add(int keyOrd, int customerOrd, int productOrd, long millis, int typeOrd) {
    if (size == key.length) {
      grow();
    }
    key[size] = keyOrd;
    if (customer != null) {
      customer[size] = customerOrd;
    }
    product[size] = productOrd;
    time[size] = millis;
    type[size] = (byte) typeOrd;
    size++;
  }

  void setCategory(int productOrd, String category) {
    if (productOrd >= categories.length) {
      categories = Arrays.copyOf(categories, Math.max(productOrd + 1, categories.length * 2));
    }
    categories[productOrd] = category;
  }

  private void grow() {
    int cap = key.length + (key.length >> 1);
    key = Arrays.copyOf(key, cap);
    if (customer != null) {
      customer = Arrays.copyOf(customer, cap);
    }
    product = Arrays.copyOf(product, cap);
    time = Arrays.copyOf(time, cap);
    type = Arrays.copyOf(type, cap);
  }

  public int size() {
    return size;
  }

  public boolean keyIsCustomer() {
    return keyIsCustomer;
  }

  /**
   * The key column itself (session or customer ordinal by event), valid for indices below {@link
   * #size()}. The live array, for sorting without copies: do not modify.
   */
  public int[] keyColumn() {
    return key;
  }

  /** The time column itself (epoch ms by event); the live array: do not modify. */
  public long[] timeColumn() {
    return time;
  }

  public int key(int event) {
    return key[event];
  }

  /** The customer ordinal of an event, or -1 when the log names none. */
  public int customer(int event) {
    return keyIsCustomer ? key[event] : customer[event];
  }

  public int product(int event) {
    return product[event];
  }

  public long time(int event) {
    return time[event];
  }

  public int type(int event) {
    return type[event];
  }

  public int keyCount() {
    return keys.size();
  }

  /** Distinct products seen. */
  public int productCount() {
    return products.size();
  }

  public String productId(int ord) {
    return products.id(ord);
  }

  /** Customer ids by ordinal (the keys when keys are customers). */
  public String[] customerIds() {
    return keyIsCustomer ? keys.ids() : customers.ids();
  }

  public String[] eventTypeNames() {
    return eventTypes.ids();
  }

  /** The category the log gave the product, or null. */
  public String category(int productOrd) {
    return productOrd < categories.length ? categories[productOrd] : null;
  }
}
