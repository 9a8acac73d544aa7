package dev.aisle.events;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes events to one file in the log's format (the header, then a checksummed line each), for
 * files that are made whole and then read, such as a retrain's input; the server's own log is a
 * {@link SegmentLog}. Not thread-safe.
 */
public final class EventFileWriter implements Closeable {
  private final OutputStream out;

  /** Creates (or replaces) {@code file} and writes the header. */
  public EventFileWriter(Path file) throws IOException {
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    out.write(EventLine.HEADER_BYTES);
  }

  public void write(Event e) throws IOException {
    out.write(EventLine.encode(e));
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
