package dev.aisle.fresh;

import dev.aisle.catalog.Catalog;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Completed live sessions, folded in as they end (see the package).
 *
 * <pre>
 * FreshIndex fresh = new FreshIndex(100_000);
 * fresh.fold(List.of("P1", "NEW"), endMillis);
 * fresh.together("NEW", 20);   // [P1 in 1 session]
 * </pre>
 *
 * <p>Thread-safe: many readers, one writer at a time.
 */
public final class FreshIndex {
  /** A product browsed in {@code sessions} completed sessions together with the query. */
  public record Together(String product, int sessions) {}

  /** The most recent sessions of one product that a query reads. */
  private static final int MAX_POSTINGS_READ = 2_000;

  private final int capacity;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Integer> ordinals = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  private final List<ArrayDeque<Long>> postings = new ArrayList<>();
  private int[] counts = new int[64];
  private final int[][] ring;
  private final long[] ringEnd;
    private long next;
  private long lastEventMillis = Long.MIN_VALUE;
  private long folded;
  private int held;

  /** Keeps the most recent {@code capacity} sessions. */
  public FreshIndex(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
    this.ring = new int[capacity][];
    this.ringEnd = new long[capacity];
  }

  /**
   * Folds in a completed session.
   *
   * @param products its products in browse order (repeats count once)
   * @param endMillis the time of its last event
   */
  public void fold(List<String> products, long endMillis) {
    if (products.isEmpty()) {
      return;
    }
    lock.writeLock().lock();
    try {
      if (next >= capacity) {
        evictOldest();
      }
      LinkedHashSet<String> distinct = new LinkedHashSet<>(products);
      int[] items = new int[distinct.size()];
      int i = 0;
      for (String id : distinct) {
        int p = ordinals.computeIfAbsent(id, k -> {
          ids.add(k);
          postings.add(new ArrayDeque<>());
          if (ids.size() > counts.length) {
            counts = java.util.Arrays.copyOf(counts, counts.length * 2);
          }
          return ids.size() - 1;
        });
        items[i++] = p;
        counts[p]++;
        postings.get(p).addLast(next);
      }
      int slot = (int) (next % capacity);
      ring[slot] = items;
      ringEnd[slot] = endMillis;
      next++;
      folded++;
      held++;
      lastEventMillis = Math.max(lastEventMillis, endMillis);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void evictOldest() {
    long oldest = next - capacity;
    int slot = (int) (oldest % capacity);
    int[] items = ring[slot];
    if (items == null) {
      return;
    }
    for (int p : items) {
      counts[p]--;
      postings.get(p).pollFirst();
    }
    ring[slot] = null;
    held--;
  }

  /**
   * Drops the oldest held sessions that ended before {@code millis}: a retrained model has learned
   * them, and counting them here too would count them twice. Sessions are held in the order they
   * ended, so this stops at the first one that ended later.
   */
  public void dropBefore(long millis) {
    lock.writeLock().lock();
    try {
      for (long s = Math.max(0, next - capacity); s < next; s++) {
        int slot = (int) (s % capacity);
        if (ring[slot] == null) {
          continue;
        }
        if (ringEnd[slot] >= millis) {
          break;
        }
        for (int p : ring[slot]) {
          counts[p]--;
          postings.get(p).pollFirst();
        }
        ring[slot] = null;
        held--;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The products browsed in the same completed sessions as {@code product}, most sessions first
   * (ties in first-seen order), at most {@code limit}; empty for a product never seen.
   */
  public List<Together> together(String product, int limit) {
    lock.readLock().lock();
    try {
      Integer q = ordinals.get(product);
      if (q == null) {
        return List.of();
      }
      Map<Integer, Integer> together = new HashMap<>();
      List<Integer> order = new ArrayList<>();
      int read = 0;
      for (var it = postings.get(q).descendingIterator(); it.hasNext()
          && read < MAX_POSTINGS_READ; read++) {
        int[] items = ring[(int) (it.next() % capacity)];
        for (int p : items) {
          if (p != q && together.merge(p, 1, Integer::sum) == 1) {
            order.add(p);
          }
        }
      }
      order.sort((a, b) -> Integer.compare(together.get(b), together.get(a)));
      List<Together> out = new ArrayList<>(Math.min(limit, order.size()));
      for (int i = 0; i < order.size() && out.size() < limit; i++) {
        out.add(new Together(ids.get(order.get(i)), together.get(order.get(i))));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The held sessions as a corpus, oldest first (each session's products once, in first-browsed
   * order; its time is its last event's), for a model of the same kind as the served one to be
   * trained on: session-kNN's index of the fresh sessions.
   *
   * @param folded the {@link #folded()} count the snapshot reflects
   */
  public record Snapshot(Corpus corpus, long folded) {}

  /** A snapshot of the held sessions; see {@link Snapshot}. */
  public Snapshot snapshot() {
    lock.readLock().lock();
    try {
      int n = ids.size();
      ProductIndex products = new ProductIndex(ids.toArray(new String[0]),
          java.util.Arrays.copyOf(counts, n));
      List<int[]> sessions = new ArrayList<>(held);
      List<Long> times = new ArrayList<>(held);
      for (long s = Math.max(0, next - capacity); s < next; s++) {
        int slot = (int) (s % capacity);
        if (ring[slot] != null) {
          sessions.add(ring[slot]);
          times.add(ringEnd[slot]);
        }
      }
      int[] offsets = new int[sessions.size() + 1];
      for (int i = 0; i < sessions.size(); i++) {
        offsets[i + 1] = offsets[i] + sessions.get(i).length;
      }
      int[] items = new int[offsets[sessions.size()]];
      long[] eventTimes = new long[items.length];
      for (int i = 0; i < sessions.size(); i++) {
        System.arraycopy(sessions.get(i), 0, items, offsets[i], sessions.get(i).length);
        java.util.Arrays.fill(eventTimes, offsets[i], offsets[i + 1], times.get(i));
      }
      int[] noCustomer = new int[sessions.size()];
      java.util.Arrays.fill(noCustomer, -1);
      Corpus corpus = Corpus.of(products, new String[0], new String[] {"view"}, offsets,
          noCustomer, items, eventTimes, new byte[items.length], Catalog.empty(n), null);
      return new Snapshot(corpus, folded);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many of the held sessions browsed {@code product}. */
  public int count(String product) {
    lock.readLock().lock();
    try {
      Integer p = ordinals.get(product);
      return p == null ? 0 : counts[p];
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The time of the last event folded in, or {@link Long#MIN_VALUE} before the first. */
  public long lastEventMillis() {
    lock.readLock().lock();
    try {
      return lastEventMillis;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Sessions folded in since the index was made. */
  public long folded() {
    lock.readLock().lock();
    try {
      return folded;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Sessions held now. */
  public int held() {
    lock.readLock().lock();
    try {
      return held;
    } finally {
      lock.readLock().unlock();
    }
  }
}
