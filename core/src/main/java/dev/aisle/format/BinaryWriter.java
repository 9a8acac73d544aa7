package dev.aisle.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends varints, strings and fixed-width numbers to a growing byte array. Not thread-safe. */
public final class BinaryWriter {
  private byte[] buf;
  private int size;

  public BinaryWriter(int initialCapacity) {
    buf = new byte[Math.max(64, initialCapacity)];
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      long next = Math.max((long) buf.length * 2, (long) size + more);
      if (next > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("file body over 2 GiB: not supported by format v1");
      }
      buf = Arrays.copyOf(buf, (int) next);
    }
  }

  public void writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  /** An unsigned LEB128 varint; negative values take ten bytes, so use {@link #writeZigZag}. */
  public void writeVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  public void writeVarInt(int v) {
    writeVarLong(v & 0xFFFFFFFFL);
  }

  /** A signed value, zig-zag coded so small magnitudes take few bytes. */
  public void writeZigZag(long v) {
    writeVarLong((v << 1) ^ (v >> 63));
  }

  public void writeInt(int v) {
    ensure(4);
    for (int i = 3; i >= 0; i--) {
      buf[size++] = (byte) (v >>> (i * 8));
    }
  }

  public void writeLong(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[size++] = (byte) (v >>> (i * 8));
    }
  }

  public void writeFloat(float v) {
    writeInt(Float.floatToRawIntBits(v));
  }

  public void writeDouble(double v) {
    writeLong(Double.doubleToRawLongBits(v));
  }

  /** A nullable string. */
  public void writeString(String s) {
    if (s == null) {
      writeVarInt(0);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVarInt(b.length + 1);
    writeBytes(b, 0, b.length);
  }

  public void writeBytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  public int size() {
    return size;
  }

  /** The bytes written so far (the live buffer; valid up to {@link #size()}). */
  byte[] buffer() {
    return buf;
  }
}
