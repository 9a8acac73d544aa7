package dev.aisle.server.vectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A saved serving index (neighbour lists, the session scan's block layout): a small JSON header
 * that names the model file it was built from, then arrays of ints and floats, little-endian and
 * 8-byte aligned so that a reader maps the file and views the arrays in place, then a CRC32C of
 * everything before it.
 *
 * <pre>
 * magic "AISLEIDX" | version (int) | header length (int) | header JSON | padding to 8
 * then per array: element count (long) | elements (4 bytes each) | padding to 8
 * trailer: CRC32C (long)
 * </pre>
 *
 * <p>Written to a temporary file in the same folder and renamed over the target, so a reader
 * sees the old file or the new one.
 */
final class IndexFile {
  static final String MAGIC = "AISLEIDX";
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

  private IndexFile() {}

  /** An index file being written; {@link #commit} makes it visible. */
  static final class Writer implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ORDER);
    private boolean committed;

    Writer(Path target, Map<String, Object> header) {
      this.target = target;
      try {
        Files.createDirectories(target.toAbsolutePath().getParent());
        temp = Files.createTempFile(target.toAbsolutePath().getParent(),
            target.getFileName() + ".", ".tmp");
        channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        byte[] json = JSON.writeValueAsBytes(header);
        buffer.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(VERSION)
            .putInt(json.length).put(json);
        pad();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
    }

    Writer ints(int[] values) {
      room(8).putLong(values.length);
      for (int v : values) {
        room(4).putInt(v);
      }
      pad();
      return this;
    }

    Writer floats(float[] values) {
      room(8).putLong(values.length);
      for (float v : values) {
        room(4).putFloat(v);
      }
      pad();
      return this;
    }

    /** Writes the checksum, forces the file to disk and renames it over the target. */
    void commit() {
      flush();
      buffer.putLong(crc.getValue());
      try {
        drain();
        channel.force(true);
        channel.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        committed = true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
    }

    private void pad() {
      while (buffer.position() % 8 != 0) {
        room(1).put((byte) 0);
      }
    }

    private ByteBuffer room(int bytes) {
      if (buffer.remaining() < bytes) {
        flush();
      }
      return buffer;
    }

    /** Writes the buffer out, adding it to the checksum. */
    private void flush() {
      buffer.flip();
      crc.update(buffer.duplicate());
      try {
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
      buffer.clear();
    }

    /** Writes the trailer, which is not part of the checksum. */
    private void drain() throws IOException {
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    @Override
    public void close() {
      if (!committed) {
        try {
          channel.close();
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // the temporary file is left behind; it is never read
        }
      }
    }
  }

  /** An index file mapped into memory, its arrays read in the order they were written. */
  static final class Reader {
    private final Path file;
    private final ByteBuffer body;
    private final Map<String, Object> header;

    private Reader(Path file, ByteBuffer body, Map<String, Object> header) {
      this.file = file;
      this.body = body;
      this.header = header;
    }

    Map<String, Object> header() {
      return header;
    }

    /** The next array, as a view of the mapped file. */
    IntBuffer ints() {
      int n = count();
      IntBuffer view = body.slice().order(ORDER).asIntBuffer().limit(n);
      skip(4L * n);
      return view;
    }

    /** The next array, as a view of the mapped file. */
    FloatBuffer floats() {
      int n = count();
      FloatBuffer view = body.slice().order(ORDER).asFloatBuffer().limit(n);
      skip(4L * n);
      return view;
    }

    private int count() {
      if (body.remaining() < 8) {
        throw new Corrupt(file + ": ends before its arrays");
      }
      long n = body.getLong();
      if (n < 0 || 4 * n > body.remaining()) {
        throw new Corrupt(file + ": an array of " + n + " elements runs past the end");
      }
      return (int) n;
    }

    private void skip(long bytes) {
      body.position((int) (body.position() + (bytes + 7) / 8 * 8));
    }
  }

  /** A file that is not a whole index file of this version. */
  static final class Corrupt extends RuntimeException {
    Corrupt(String message) {
      super(message);
    }
  }

  /**
   * Maps {@code file} and checks its magic, version and checksum.
   *
   * @throws Corrupt when it is not an intact index file of this version
   * @throws java.nio.file.NoSuchFileException (wrapped) when it does not exist
   */
  static Reader map(Path file) throws IOException {
    MappedByteBuffer all;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() > Integer.MAX_VALUE) {
        throw new Corrupt(file + ": larger than 2 GB, which this version does not write");
      }
      all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    }
    all.order(ORDER);
    int size = all.capacity();
    byte[] magic = new byte[8];
    if (size < 24) {
      throw new Corrupt(file + ": too short for an index file");
    }
    all.get(0, magic);
    if (!Arrays.equals(magic, MAGIC.getBytes(StandardCharsets.US_ASCII))) {
      throw new Corrupt(file + ": not an Aisle index file");
    }
    if (all.getInt(8) != VERSION) {
      throw new Corrupt(file + ": index format version " + all.getInt(8) + ", not "
          + VERSION);
    }
    CRC32C crc = new CRC32C();
    crc.update(all.slice(0, size - 8));
    if (crc.getValue() != all.getLong(size - 8)) {
      throw new Corrupt(file + ": checksum mismatch (corrupt or truncated)");
    }
    int length = all.getInt(12);
    if (length < 0 || 16L + length > size - 8) {
      throw new Corrupt(file + ": header runs past the end");
    }
    byte[] json = new byte[length];
    all.get(16, json);
    Map<String, Object> header;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> h = JSON.readValue(json, Map.class);
      header = h;
    } catch (JsonProcessingException e) {
      throw new Corrupt(file + ": unreadable header: " + e.getOriginalMessage());
    }
    int start = (16 + length + 7) / 8 * 8;
    ByteBuffer body = all.slice(start, size - 8 - start).order(ORDER);
    return new Reader(file, body, header);
  }
}
