package dev.aisle.server.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiments' durable record: an append-only file of one JSON object a line, each behind
 * the CRC32C of its bytes, {@code 1c2d3e4f<TAB>{"r":"imp",...}}. Every record is written with one
 * {@code write} to the file (no buffer in the process), so a killed server loses nothing the
 * operating system took; {@link #force()} puts it on the disk (the server does that every
 * second and at close).
 *
 * <p>{@link #open} first replays what the file holds. A line whose checksum does not match is
 * skipped, counted and logged with its line number; a torn last line (the server died while
 * writing it) is cut off, so the next record starts on a line of its own.
 *
 * <p>Thread-safe: appends are serialised.
 */
final class ExperimentLog implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The file's name in the experiment log folder. */
  static final String FILE = "experiments.log";

  private final Path file;
  private final FileChannel channel;
  private final int replayed;
  private final int corrupt;
  /** Whether something was appended since the last force. */
  private boolean dirty;

  private ExperimentLog(Path file, FileChannel channel, int replayed, int corrupt) {
    this.file = file;
    this.channel = channel;
    this.replayed = replayed;
    this.corrupt = corrupt;
  }

  /**
   * Opens (or creates) the log in {@code dir}, first handing every intact record to {@code
   * replay}, oldest first.
   */
  static ExperimentLog open(Path dir, Consumer<JsonNode> replay) {
    Path file = dir.resolve(FILE);
    try {
      Files.createDirectories(dir);
      int[] counts = {0, 0};
      long good = 0;
      if (Files.exists(file)) {
        good = replay(file, replay, counts);
      }
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ);
      if (ch.size() > good) {
        LOG.warn("{}: cutting off a torn last record ({} bytes)", file, ch.size() - good);
        ch.truncate(good);
      }
      ch.position(good);
      if (counts[1] > 0) {
        LOG.warn("{}: skipped {} records whose checksum did not match", file, counts[1]);
      }
      return new ExperimentLog(file, ch, counts[0], counts[1]);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the experiment log " + file, e);
    }
  }

  /** Replays the file, streaming it; returns the length of its whole lines. */
  private static long replay(Path file, Consumer<JsonNode> replay, int[] counts)
      throws IOException {
    long good = 0;
    long offset = 0;
    int line = 0;
    byte[] buf = new byte[4096];
    int len = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      for (int c = in.read(); c >= 0; c = in.read()) {
        offset++;
        if (c != '\n') {
          if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
          }
          buf[len++] = (byte) c;
          continue;
        }
        line++;
        JsonNode record = record(buf, 0, len);
        if (record == null) {
          counts[1]++;
          LOG.warn("{}:{}: checksum does not match, record skipped", file, line);
        } else {
          replay.accept(record);
          counts[0]++;
        }
        len = 0;
        good = offset;
      }
    }
    return good;
  }

  /** The record of {@code bytes[from, to)}, or null when its checksum does not match. */
  private static JsonNode record(byte[] bytes, int from, int to) {
    int tab = -1;
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\t') {
        tab = i;
        break;
      }
    }
    if (tab != from + 8) {
      return null;
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, tab + 1, to - tab - 1);
    String want = new String(bytes, from, 8, StandardCharsets.US_ASCII);
    if (!want.equals(String.format(Locale.ROOT, "%08x", crc.getValue()))) {
      return null;
    }
    try {
      return JSON.readTree(new String(bytes, tab + 1, to - tab - 1, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
  }

  /** Appends one record. */
  void append(ObjectNode record) {
    append(encode(record));
  }

  /**
   * One record as its line (checksum, tab, JSON, newline), ready for {@link #append(ByteBuffer)}:
   * encoding takes no lock, so callers can do it before taking theirs.
   */
  static ByteBuffer encode(ObjectNode record) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(record);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + record, e);
    }
    CRC32C crc = new CRC32C();
    crc.update(json);
    byte[] head = String.format(Locale.ROOT, "%08x\t", crc.getValue())
        .getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(head.length + json.length + 1);
    b.put(head).put(json).put((byte) '\n').flip();
    return b;
  }

  /** Appends one encoded record with one write call. */
  synchronized void append(ByteBuffer line) {
    try {
      while (line.hasRemaining()) {
        channel.write(line);
      }
      dirty = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the experiment log " + file, e);
    }
  }

  /** Forces what was appended onto the disk, if anything was. */
  synchronized void force() {
    if (!dirty) {
      return;
    }
    try {
      channel.force(false);
      dirty = false;
    } catch (IOException e) {
      LOG.warn("cannot force the experiment log {} to disk: {}", file, e.getMessage());
    }
  }

  /** Records replayed at open. */
  int replayed() {
    return replayed;
  }

  /** Records skipped at open because their checksum did not match. */
  int corrupt() {
    return corrupt;
  }

  Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    try {
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      LOG.warn("cannot close the experiment log {}: {}", file, e.getMessage());
    }
  }
}
