package dev.aisle.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps ids, given as byte slices of the input, to dense ordinals 0, 1, 2, ... in order of first
 * appearance. Ingest looks up every row's ids here without creating a {@code String}; the bytes of
 * each distinct id are stored once in a pool. Open addressing with linear probing.
 *
 * <p>Not thread-safe.
 */
final class ByteDictionary {
  private byte[] pool = new byte[1 << 16];
  private int poolSize;
  private int[] offsets = new int[1024]; // ordinal -> start in pool; offsets[size] is the end
  private int[] hashes = new int[1024]; // ordinal -> hash
  private int[] table = new int[2048]; // slot -> ordinal + 1, 0 = empty
  private int size;

  int size() {
    return size;
  }

  /** The ordinal of {@code b[start, end)}, or -1 when it has none yet. */
  int find(byte[] b, int start, int end) {
    int h = hash(b, start, end);
    int mask = table.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      int ord = entry - 1;
      if (hashes[ord] == h && equalsAt(ord, b, start, end)) {
        return ord;
      }
    }
  }

  /** The ordinal of {@code b[start, end)}, adding it when new. */
  int ordinal(byte[] b, int start, int end) {
    int h = hash(b, start, end);
    int mask = table.length - 1;
    int slot = h & mask;
    for (; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        break;
      }
      int ord = entry - 1;
      if (hashes[ord] == h && equalsAt(ord, b, start, end)) {
        return ord;
      }
    }
    int ord = size++;
    int len = end - start;
    if (poolSize + len > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
    }
    System.arraycopy(b, start, pool, poolSize, len);
    if (size + 1 > offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
      hashes = Arrays.copyOf(hashes, hashes.length * 2);
    }
    offsets[ord] = poolSize;
    poolSize += len;
    offsets[ord + 1] = poolSize;
    hashes[ord] = h;
    table[slot] = ord + 1;
    if (size * 2 > table.length) {
      rehash();
    }
    return ord;
  }

  /** The ordinal of a string id, adding it when new. */
  int ordinal(String id) {
    byte[] b = id.getBytes(StandardCharsets.UTF_8);
    return ordinal(b, 0, b.length);
  }

  /** The id with ordinal {@code ord}, decoded from UTF-8. */
  String id(int ord) {
    return new String(pool, offsets[ord], offsets[ord + 1] - offsets[ord], StandardCharsets.UTF_8);
  }

  /** All ids, by ordinal. */
  String[] ids() {
    String[] ids = new String[size];
    for (int i = 0; i < size; i++) {
      ids[i] = id(i);
    }
    return ids;
  }

  private boolean equalsAt(int ord, byte[] b, int start, int end) {
    int from = offsets[ord];
    int to = offsets[ord + 1];
    return Arrays.equals(pool, from, to, b, start, end);
  }

  private void rehash() {
    int[] next = new int[table.length * 2];
    int mask = next.length - 1;
    for (int ord = 0; ord < size; ord++) {
      int slot = hashes[ord] & mask;
      while (next[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      next[slot] = ord + 1;
    }
    table = next;
  }

  private static int hash(byte[] b, int start, int end) {
    int h = 0x9747b28c;
    for (int i = start; i < end; i++) {
      h = 31 * h + b[i];
    }
    // final mix (murmur3 fmix32) so that linear probing sees well-spread slots
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
