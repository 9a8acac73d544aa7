package dev.aisle.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads a segment line by line, checking every line's checksum, and finds where its valid part
 * ends: after the last line with a good checksum. What follows (a line torn by a crash, zeros a
 * power cut left) was never acknowledged, and {@link SegmentLog} cuts it off. A damaged line
 * followed by good ones is not a torn tail: it is counted as damaged and kept, since cutting there
 * would drop acknowledged events after it.
 *
 * @param validBytes the length of the valid part, header included
 * @param events the events in the valid part
 * @param damagedLines lines in the valid part whose checksum does not match
 * @param tornBytes bytes after the valid part
 * @param tornLines lines (or pieces of one) after the valid part
 * @param headerOk whether the segment starts with the log's header
 */
public record SegmentRecovery(long validBytes, long events, long damagedLines, long tornBytes,
    long tornLines, boolean headerOk) {

  /** Scans the whole of {@code channel}, feeding each good event to {@code sink} (may be null). */
  public static SegmentRecovery scan(FileChannel channel, Consumer<Event> sink) throws IOException {
    long size = channel.size();
    byte[] header = EventLine.HEADER_BYTES;
    if (size < header.length) {
      return new SegmentRecovery(0, 0, 0, size, size > 0 ? 1 : 0, false);
    }
    byte[] first = new byte[header.length];
    readFully(channel, ByteBuffer.wrap(first), 0);
    if (!Arrays.equals(first, header)) {
      return new SegmentRecovery(0, 0, 0, size, 1, false);
    }
    long pos = header.length;
    long valid = pos;
    long events = 0;
    long damagedSinceValid = 0;
    long damaged = 0;
    byte[] buf = new byte[1 << 16];
    int filled = 0;
    long bufStart = pos; // file offset of buf[0]
    while (true) {
      int read = channel.read(ByteBuffer.wrap(buf, filled, buf.length - filled), bufStart + filled);
      boolean eof = read < 0;
      if (!eof) {
        filled += read;
      }
      int lineStart = 0;
      for (int i = 0; i < filled; i++) {
        if (buf[i] != '\n') {
          continue;
        }
        Event e = EventLine.decode(buf, lineStart, i);
        if (e != null) {
          events++;
          damaged += damagedSinceValid;
          damagedSinceValid = 0;
          valid = bufStart + i + 1;
          if (sink != null) {
            sink.accept(e);
          }
        } else {
          damagedSinceValid++;
        }
        lineStart = i + 1;
      }
      if (eof || (lineStart == 0 && filled == buf.length)) {
        if (!eof) {
          // a "line" longer than the buffer: no event line is that long; treat it as damage
          damagedSinceValid++;
          bufStart += filled;
          filled = 0;
          continue;
        }
        long tornLines = damagedSinceValid + (filled > lineStart ? 1 : 0);
        return new SegmentRecovery(valid, events, damaged, size - valid, tornLines, true);
      }
      System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
      bufStart += lineStart;
      filled -= lineStart;
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }
}
