package dev.aisle.corpus;

import dev.aisle.BadInputException;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import java.util.Arrays;

/**
 * External product ids at the edges, dense ordinals inside. Ordinals run from 0 in order of
 * descending browse count (ties by id), so the first N ordinals are the N most popular products.
 *
 * <p>Ids are found through an open-addressing table of ordinals (linear probing, at most half
 * full): 8 bytes a product, where a {@code HashMap<String, Integer>} spends about 56 on a node and
 * a boxed ordinal, which at a million products and three served models is 150 MB of heap.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProductIndex {
  private final String[] ids;
  private final int[] counts;
  /** Ordinal + 1 of the id whose probe sequence reaches the slot; 0 for an empty slot. */
  private final int[] slots;
  private final int shift;

  /**
   * @param ids product ids by ordinal
   * @param counts browse counts by ordinal, the same length
   */
  public ProductIndex(String[] ids, int[] counts) {
    if (ids.length != counts.length) {
      throw new IllegalArgumentException(
          "ids and counts differ in length: " + ids.length + " vs " + counts.length);
    }
    this.ids = ids.clone();
    this.counts = counts.clone();
    if (ids.length > 1 << 29) {
      throw new IllegalArgumentException("too many products: " + ids.length);
    }
    int bits = Math.max(1, 33 - Integer.numberOfLeadingZeros(Math.max(1, ids.length - 1)));
    this.slots = new int[1 << bits];
    this.shift = 32 - bits;
    for (int i = 0; i < ids.length; i++) {
      int at = slot(ids[i].hashCode());
      for (; slots[at] != 0; at = (at + 1) & (slots.length - 1)) {
        if (ids[slots[at] - 1].equals(ids[i])) {
          throw new IllegalArgumentException("duplicate product id: " + ids[i]);
        }
      }
      slots[at] = i + 1;
    }
  }

  /** Where a hash's probe sequence starts: Fibonacci hashing, so similar ids spread. */
  private int slot(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }

  public int size() {
    return ids.length;
  }

  /** The ordinal of a product id, or -1 when the corpus has no such product. */
  public int ordinal(String productId) {
    for (int at = slot(productId.hashCode()); slots[at] != 0; at = (at + 1) & (slots.length - 1)) {
      if (ids[slots[at] - 1].equals(productId)) {
        return slots[at] - 1;
      }
    }
    return -1;
  }

  /** The id of a product ordinal. */
  public String id(int ordinal) {
    return ids[ordinal];
  }

  /** How many times the product was browsed in the corpus. */
  public int count(int ordinal) {
    return counts[ordinal];
  }

  /** A copy of all counts, by ordinal. */
  public int[] counts() {
    return counts.clone();
  }

  /** Writes the ids and counts, as corpus and model files store the vocabulary. */
  public void write(BinaryWriter out) {
    out.writeVarInt(ids.length);
    for (int p = 0; p < ids.length; p++) {
      out.writeString(ids[p]);
      out.writeVarInt(counts[p]);
    }
  }

  /** Reads what {@link #write} wrote. */
  public static ProductIndex read(BinaryReader in) {
    int n = in.readCount(Integer.MAX_VALUE - 8, "product count");
    String[] ids = new String[n];
    int[] counts = new int[n];
    for (int p = 0; p < n; p++) {
      ids[p] = in.readString();
      counts[p] = in.readVarInt();
    }
    try {
      return new ProductIndex(ids, counts);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(in.source() + ": corrupt vocabulary: " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProductIndex
        && Arrays.equals(ids, ((ProductIndex) o).ids)
        && Arrays.equals(counts, ((ProductIndex) o).counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids) * 31 + Arrays.hashCode(counts);
  }
}
