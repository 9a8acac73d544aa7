package dev.aisle.format;

import dev.aisle.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * Writes and reads a versioned, checksummed file atomically: the bytes go to a temporary file in
 * the same folder, are forced to disk, and the temporary file is renamed over the target.
 */
public final class ChecksummedFile {
  private static final int MAGIC_LENGTH = 8;
  private static final int HEADER = MAGIC_LENGTH + 4;
  private static final int TRAILER = 8;
  /**
   * Bytes read per call. A read into a heap buffer goes through a temporary direct buffer of the
   * same size that the JDK then keeps for the calling thread, so a whole-file read would pin a
   * second copy of the file off the heap for as long as the thread lives (696 MB for a 1M-product
   * cooc model, another copy per thread that reloads a model).
   */
  private static final int SLICE = 1 << 20;

  private ChecksummedFile() {}

  /** A file's body, its format version and its checksum. */
  public record Contents(int version, BinaryReader body, String checksum) {}

  /**
   * Writes {@code magic}, {@code version}, the body and the checksum to {@code target}, atomically.
   *
   * @param magic exactly 8 ASCII characters naming the kind of file
   * @return the checksum, as 8 hex digits (CRC32C)
   */
  public static String write(Path target, String magic, int version, BinaryWriter body) {
    byte[] header = header(magic, version);
    CRC32C crc = new CRC32C();
    crc.update(header);
    crc.update(body.buffer(), 0, body.size());
    long sum = crc.getValue();
    try (AtomicOutput out = new AtomicOutput(target, 1 << 16)) {
      out.write(header, 0, header.length);
      out.write(body.buffer(), 0, body.size());
      byte[] trailer = ByteBuffer.allocate(TRAILER).putLong(0, sum).array();
      out.write(trailer, 0, trailer.length);
      out.commit();
    }
    return hex(sum);
  }

  /** The checksum {@link #write} would record for this body, without writing anything. */
  public static String checksum(String magic, int version, BinaryWriter body) {
    CRC32C crc = new CRC32C();
    crc.update(header(magic, version));
    crc.update(body.buffer(), 0, body.size());
    return hex(crc.getValue());
  }

  /**
   * Reads a file written by {@link #write}, checking its magic, version and checksum.
   *
   * @param maxVersion the newest format version this build understands
   * @throws BadInputException for a missing, foreign, newer, truncated or corrupt file
   */
  public static Contents read(Path file, String magic, int maxVersion, String kind) {
    byte[] bytes;
    try {
      bytes = readFully(file, kind);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such " + kind + " file");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      throw new BadInputException(file + ": too large to load with this heap; raise -Xmx");
    }
    checkHeader(file, bytes, bytes.length, magic, maxVersion, kind);
    int bodyEnd = bytes.length - TRAILER;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bodyEnd);
    long stored = ByteBuffer.wrap(bytes, bodyEnd, TRAILER).getLong();
    if (crc.getValue() != stored) {
      throw new BadInputException(file + ": checksum mismatch: the " + kind
          + " file is corrupt or truncated; write it again");
    }
    return new Contents(ByteBuffer.wrap(bytes, MAGIC_LENGTH, 4).getInt(),
        new BinaryReader(bytes, HEADER, bodyEnd, file.toString()), hex(stored));
  }

  /**
   * The checksum of a file written by {@link #write}, streamed through a small buffer and checked
   * against the one the file records, as {@link #read} checks it but without holding the file in
   * memory: how a server tells whether a large file changed before it reads it again.
   *
   * @throws BadInputException as {@link #read}
   */
  public static String checksum(Path file, String magic, int maxVersion, String kind) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate(HEADER);
      while (head.hasRemaining() && ch.read(head) >= 0) {
        // fills the header, or ends at a short file
      }
      checkHeader(file, head.array(), size, magic, maxVersion, kind);
      CRC32C crc = new CRC32C();
      crc.update(head.array());
      ByteBuffer chunk = ByteBuffer.allocateDirect(SLICE);
      long bodyEnd = size - TRAILER;
      for (long at = HEADER; at < bodyEnd; ) {
        chunk.clear().limit((int) Math.min(chunk.capacity(), bodyEnd - at));
        int n = ch.read(chunk, at);
        if (n < 0) {
          throw new BadInputException(file + ": " + kind + " file truncated while read");
        }
        chunk.flip();
        crc.update(chunk);
        at += n;
      }
      ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
      while (trailer.hasRemaining() && ch.read(trailer, bodyEnd + trailer.position()) >= 0) {
        // the stored checksum
      }
      long stored = trailer.getLong(0);
      if (crc.getValue() != stored) {
        throw new BadInputException(file + ": checksum mismatch: the " + kind
            + " file is corrupt or truncated; write it again");
      }
      return hex(stored);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such " + kind + " file");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The whole file, read {@link #SLICE} bytes at a time. */
  private static byte[] readFully(Path file, String kind) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new BadInputException(file + ": " + kind + " file of " + size
            + " bytes; this Aisle reads files up to 2 GB");
      }
      byte[] bytes = new byte[(int) size];
      for (int at = 0; at < bytes.length; ) {
        int n = ch.read(ByteBuffer.wrap(bytes, at, Math.min(SLICE, bytes.length - at)), at);
        if (n < 0) {
          throw new BadInputException(file + ": " + kind + " file truncated while read");
        }
        at += n;
      }
      return bytes;
    }
  }

  /** Checks the magic and version at the start of a file of {@code size} bytes. */
  private static void checkHeader(Path file, byte[] start, long size, String magic,
      int maxVersion, String kind) {
    byte[] expected = magic.getBytes(StandardCharsets.US_ASCII);
    if (size < HEADER + TRAILER
        || !Arrays.equals(start, 0, MAGIC_LENGTH, expected, 0, MAGIC_LENGTH)) {
      throw new BadInputException(file + ": not an Aisle " + kind + " file");
    }
    int version = ByteBuffer.wrap(start, MAGIC_LENGTH, 4).getInt();
    if (version < 1 || version > maxVersion) {
      throw new BadInputException(String.format(Locale.ROOT,
          "%s: %s format version %d; this Aisle reads versions 1 to %d: upgrade Aisle", file,
          kind, version, maxVersion));
    }
  }

  private static byte[] header(String magic, int version) {
    byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
    if (m.length != MAGIC_LENGTH) {
      throw new IllegalArgumentException("magic must be 8 ASCII bytes, was '" + magic + "'");
    }
    return ByteBuffer.allocate(HEADER).put(m).putInt(version).array();
  }

  private static String hex(long v) {
    return String.format(Locale.ROOT, "%08x", v);
  }
}
