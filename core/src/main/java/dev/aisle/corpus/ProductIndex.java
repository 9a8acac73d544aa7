package dev.aisle.corpus;

import dev.aisle.BadInputException;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * External product ids at the edges, dense ordinals inside. Ordinals run from 0 in order of
 * descending browse count (ties by id), so the first N ordinals are the N most popular products.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProductIndex {
  private final String[] ids;
  private final int[] counts;
  private final Map<String, Integer> ordinals;

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
    this.ordinals = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (ordinals.put(ids[i], i) != null) {
        throw new IllegalArgumentException("duplicate product id: " + ids[i]);
      }
    }
  }

  public int size() {
    return ids.length;
  }

  /** The ordinal of a product id, or -1 when the corpus has no such product. */
  public int ordinal(String productId) {
    Integer o = ordinals.get(productId);
    return o == null ? -1 : o;
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
