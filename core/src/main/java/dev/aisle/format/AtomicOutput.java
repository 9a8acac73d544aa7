package dev.aisle.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written through a temporary file beside it, forced to disk and renamed over the target on
 * {@link #commit()}; closing without committing deletes the temporary file, so a crash or an error
 * never leaves half a file under the target's name. Buffers its own bytes: {@link #buffer()} and
 * {@link #advance} let a caller format straight into the buffer. Not thread-safe.
 */
public final class AtomicOutput implements Closeable {
  private final Path target;
  private final Path tmp;
  private final FileChannel channel;
  private final byte[] buf;
  private final ByteBuffer wrapped;
  private int pos;
  private long written;
  private boolean committed;

  public AtomicOutput(Path target, int bufferSize) {
    this.target = target;
    this.buf = new byte[bufferSize];
    this.wrapped = ByteBuffer.wrap(buf);
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // not Files.createTempFile: its files are owner-only, and outputs are for everyone to read
      Path candidate;
      FileChannel open = null;
      long suffix = ProcessHandle.current().pid() * 1_000_003L + System.nanoTime();
      do {
        candidate = dir.resolve("." + target.getFileName() + "." + Long.toHexString(suffix++)
            + ".tmp");
        try {
          open = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
          // taken by another writer; try the next name
        }
      } while (open == null);
      tmp = candidate;
      channel = open;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code bytes} to {@code target} atomically.
   *
   * @param force whether to force the bytes to disk before the rename (skip it for many small
   *     files that are cheap to write again)
   */
  public static void write(Path target, byte[] bytes, boolean force) {
    try (AtomicOutput out = new AtomicOutput(target, Math.max(1, bytes.length))) {
      out.write(bytes, 0, bytes.length);
      out.commit(force);
    }
  }

  /** The buffer to format into, from {@link #position()}; call {@link #ensure} first. */
  public byte[] buffer() {
    return buf;
  }

  public int position() {
    return pos;
  }

  /** Marks {@code n} bytes after the position as filled. */
  public void advance(int n) {
    pos += n;
  }

  /** Makes room for {@code n} more bytes in the buffer, flushing if needed. */
  public void ensure(int n) {
    if (pos + n > buf.length) {
      flush();
      if (n > buf.length) {
        throw new IllegalArgumentException("record of " + n + " bytes exceeds the buffer");
      }
    }
  }

  public void write(byte[] b, int off, int len) {
    while (len > 0) {
      if (pos == buf.length) {
        flush();
      }
      int k = Math.min(len, buf.length - pos);
      System.arraycopy(b, off, buf, pos, k);
      pos += k;
      off += k;
      len -= k;
    }
  }

  /** Bytes handed over so far, buffered or not. */
  public long size() {
    return written + pos;
  }

  private void flush() {
    wrapped.clear().limit(pos);
    try {
      while (wrapped.hasRemaining()) {
        channel.write(wrapped);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    written += pos;
    pos = 0;
  }

  /** Flushes, forces to disk and renames the temporary file over the target. */
  public void commit() {
    commit(true);
  }

  public void commit(boolean force) {
    flush();
    try {
      if (force) {
        channel.force(true);
      }
      channel.close();
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (committed) {
      return;
    }
    try {
      channel.close();
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // the write already failed; that error is the one to report
    }
  }
}
