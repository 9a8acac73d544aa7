package dev.aisle.ingest;

import dev.aisle.BadInputException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text file line by line into a reused byte buffer, gzip or plain (told apart by the gzip
 * magic bytes, not the file name). After {@link #next()} returns true, the line is {@code
 * buffer()[start(), end())} without its line terminator ({@code \n} or {@code \r\n}). Lines are
 * never copied and never decoded: parsers work on the bytes.
 *
 * <p>Not thread-safe.
 */
public final class LineSource implements Closeable {
  private static final int CHUNK = 1 << 20;

  private final Path file;
  private final InputStream in;
  private final CountingStream counter;
  private final LongConsumer progress;
  private byte[] buf = new byte[CHUNK];
  private int limit; // valid bytes in buf
  private int pos; // start of the next line
  private boolean eof;
  private int start;
  private int end;
  private long lineNumber;

  private LineSource(Path file, InputStream raw, CountingStream counter, LongConsumer progress)
      throws IOException {
    this.file = file;
    this.counter = counter;
    this.progress = progress;
    this.in = isGzip(raw) ? new GZIPInputStream(raw, CHUNK) : raw;
  }

  /**
   * Opens a log file.
   *
   * @param progress receives the number of raw (compressed) bytes read so far, or null
   * @throws BadInputException when the file is missing, unreadable or a directory
   */
  public static LineSource open(Path file, LongConsumer progress) {
    if (Files.isDirectory(file)) {
      throw new BadInputException(file + ": is a directory, not a log file");
    }
    try {
      CountingStream counter = new CountingStream(Files.newInputStream(file));
      BufferedInputStream raw = new BufferedInputStream(counter, CHUNK);
      return new LineSource(file, raw, counter, progress);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new BadInputException(file + ": permission denied");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The file's size on disk in bytes, for progress bars and capacity hints. */
  public static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static boolean isGzip(InputStream raw) throws IOException {
    raw.mark(2);
    int b1 = raw.read();
    int b2 = raw.read();
    raw.reset();
    return b1 == 0x1f && b2 == 0x8b;
  }

  /** Moves to the next line; false at the end of the file. */
  public boolean next() {
    while (true) {
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          start = pos;
          end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
          pos = i + 1;
          lineNumber++;
          return true;
        }
      }
      if (eof) {
        if (pos < limit) { // last line without a newline
          start = pos;
          end = buf[limit - 1] == '\r' ? limit - 1 : limit;
          pos = limit;
          lineNumber++;
          return true;
        }
        return false;
      }
      fill();
    }
  }

  private void fill() {
    int remaining = limit - pos;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, remaining);
    } else if (remaining == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
    }
    pos = 0;
    limit = remaining;
    try {
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
    } catch (IOException e) {
      throw new BadInputException(file + ": read failed after line " + lineNumber + ": "
          + e.getMessage(), e);
    }
    if (progress != null) {
      progress.accept(counter.count);
    }
  }

  public byte[] buffer() {
    return buf;
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }

  /** The 1-based number of the current line. */
  public long lineNumber() {
    return lineNumber;
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
