package dev.aisle.format;

import dev.aisle.BadInputException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link BinaryWriter} wrote. Reading past the end is a {@link BadInputException}
 * naming the file: a truncated file. Not thread-safe.
 */
public final class BinaryReader {
  private final byte[] buf;
  private final int limit;
  private final String source;
  private int pos;

  BinaryReader(byte[] buf, int start, int limit, String source) {
    this.buf = buf;
    this.pos = start;
    this.limit = limit;
    this.source = source;
  }

  private void need(int n) {
    if (pos + n > limit) {
      throw new BadInputException(source + ": truncated or corrupt (read past the end at byte "
          + pos + ")");
    }
  }

  /** Where the next read starts, for {@link #seek}. */
  public int position() {
    return pos;
  }

  /**
   * Moves back to a {@link #position()} read before: for formats read in two passes, the first
   * to count (so that arrays are allocated once at their size), the second to fill.
   */
  public void seek(int position) {
    if (position < 0 || position > limit) {
      throw new IllegalArgumentException("position must be in 0.." + limit + ", was " + position);
    }
    pos = position;
  }

  public int readByte() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  public long readVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1);
      byte b = buf[pos++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw new BadInputException(source + ": corrupt varint at byte " + pos);
  }

  public int readVarInt() {
    long v = readVarLong();
    if (v > 0xFFFFFFFFL) {
      throw new BadInputException(source + ": corrupt int at byte " + pos);
    }
    return (int) v;
  }

  /** A count or length: a varint checked to be in {@code [0, max]}. */
  public int readCount(int max, String what) {
    int v = readVarInt();
    if (v < 0 || v > max) {
      throw new BadInputException(source + ": corrupt " + what + " " + v + " at byte " + pos);
    }
    return v;
  }

  public long readZigZag() {
    long v = readVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  public int readInt() {
    need(4);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  public long readLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  public float readFloat() {
    return Float.intBitsToFloat(readInt());
  }

  public double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  public String readString() {
    int n = readVarInt();
    if (n == 0) {
      return null;
    }
    need(n - 1);
    String s = new String(buf, pos, n - 1, StandardCharsets.UTF_8);
    pos += n - 1;
    return s;
  }

  /** The next {@code n} bytes as they are, e.g. a blob another library wrote. */
  public byte[] readBytes(int n) {
    need(n);
    byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /** True when every byte of the body was read. */
  public boolean atEnd() {
    return pos == limit;
  }

  /** The file this reader reads, for messages. */
  public String source() {
    return source;
  }
}
