package dev.aisle.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log in a directory of CSV segments, with group commit (see the package).
 *
 * <pre>
 * try (SegmentLog log = SegmentLog.open(EventLogOptions.of(Path.of("events")))) {
 *   log.append(List.of(Event.view("c1", "P1", System.currentTimeMillis())));  // on disk now
 * }
 * </pre>
 *
 * <p>Opening recovers the active segment (cuts a torn tail off, see {@link SegmentRecovery}) and
 * takes a lock on {@code DIR/.lock}, so two servers never write one directory. When the
 * directory cannot be used, opening still succeeds: every append then tries again and, while it
 * fails, throws {@link EventLogUnavailableException} with the reason.
 *
 * <p>Thread-safe.
 */
public final class SegmentLog implements EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentLog.class);
  /** How long a request waits for its batch to be written before giving up (a hung disk). */
  private static final long APPEND_TIMEOUT_SECONDS = 30;

  private final EventLogOptions options;
  private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong fsyncs = new AtomicLong();
  private volatile boolean closed;
  private volatile String failure;
  private volatile SegmentRecovery recovered;

  // writer-thread state
  private FileChannel lockChannel;
  private FileLock lock;
  private FileChannel active;
  private long activeNumber;
  private long activeOpenedAt;
  private long committed;
  private long lastFsync;
  private boolean dirty;

  private record Batch(byte[] bytes, int events, CompletableFuture<Void> done) {}

  /**
   * Put on the queue by {@link #close}: the writer commits what came before it and stops. (Not an
   * interrupt: an interrupted FileChannel closes itself mid-write.)
   */
  private static final Batch CLOSE = new Batch(new byte[0], 0, new CompletableFuture<>());

  private SegmentLog(EventLogOptions options) {
    this.options = options;
    this.writer = new Thread(this::run, "aisle-event-log");
    writer.setDaemon(true);
  }

  /** Opens (and recovers) the log in {@code options.dir()}; see the class documentation. */
  public static SegmentLog open(EventLogOptions options) {
    SegmentLog log = new SegmentLog(options);
    try {
      log.openActive();
    } catch (IOException | RuntimeException e) {
      log.failure = reason(e);
      LOG.warn("event log {} cannot be written, events are refused until it can: {}",
          options.dir(), log.failure);
    }
    log.writer.start();
    return log;
  }

  /** What opening found in the active segment; null when it could not be opened. */
  public SegmentRecovery recovered() {
    return recovered;
  }

  /** Events stored since the log was opened. */
  public long appended() {
    return appended.get();
  }

  /** Group commits (one write each) since the log was opened. */
  public long commits() {
    return commits.get();
  }

  /** Fsyncs since the log was opened. */
  public long fsyncs() {
    return fsyncs.get();
  }

  @Override
  public Map<String, Supplier<Number>> counters() {
    return Map.of("events_total", appended::get, "commits_total", commits::get, "fsyncs_total",
        fsyncs::get, "failing", () -> failure == null ? 0 : 1);
  }

  /** Why appends fail right now, or null when they do not. */
  public String failure() {
    return failure;
  }

  @Override
  public void append(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(events.size() * 64);
    for (Event e : events) {
      bytes.writeBytes(EventLine.encode(e));
    }
    Batch batch = new Batch(bytes.toByteArray(), events.size(), new CompletableFuture<>());
    if (closed) {
      throw unavailable("the event log is closed", null);
    }
    queue.add(batch);
    try {
      batch.done.get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw unavailable(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw unavailable("the disk did not take the events within " + APPEND_TIMEOUT_SECONDS
          + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for the disk", e);
    }
  }

  private EventLogUnavailableException unavailable(String why, Throwable cause) {
    return new EventLogUnavailableException("the event log " + options.dir()
        + " cannot store events: " + why + "; nothing was acknowledged, retry later", cause);
  }

  @Override
  public void replay(long sinceMillis, Consumer<Event> sink) {
    try {
      List<Path> segments = Segments.list(options.dir());
      int from = segments.size();
      // segments last written before `since` hold only older events (times are the server's or
      // the client's; a client's late event in an old segment is not a live session any more)
      while (from > 0 && Files.getLastModifiedTime(segments.get(from - 1)).toMillis()
          >= sinceMillis) {
        from--;
      }
      for (Path s : segments.subList(from, segments.size())) {
        try (FileChannel ch = FileChannel.open(s, StandardOpenOption.READ)) {
          SegmentRecovery.scan(ch, e -> {
            if (e.millis() >= sinceMillis) {
              sink.accept(e);
            }
          });
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot replay the event log {}: {}", options.dir(), e.getMessage());
    }
  }

  @Override
  public String describe() {
    return options.dir().toString();
  }

  @Override
  public void close() {
    closed = true;
    queue.add(CLOSE);
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Batch b;
    while ((b = queue.poll()) != null) {
      b.done.completeExceptionally(new IOException("the event log closed"));
    }
    closeActive();
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      LOG.warn("closing the event log's lock: {}", e.getMessage());
    }
  }

  // ---- the writer thread

  private void run() {
    List<Batch> group = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      try {
        Batch first = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          intervalFsync();
          continue;
        }
        group.add(first);
        queue.drainTo(group);
        stop = group.remove(CLOSE);
        if (!group.isEmpty()) {
          commit(group);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop = true;
      } finally {
        group.clear();
      }
    }
  }

  private long pollMillis() {
    return options.fsync() == FsyncPolicy.INTERVAL && dirty
        ? Math.max(1, options.fsyncInterval().toMillis()) : 1000;
  }

  private void intervalFsync() {
    if (dirty && active != null) {
      try {
        active.force(false);
        fsyncs.incrementAndGet();
        dirty = false;
        lastFsync = System.currentTimeMillis();
      } catch (IOException e) {
        LOG.warn("event log fsync failed: {}", e.getMessage());
      }
    }
  }

  /** Writes the group with one write and (policy permitting) one fsync, then answers it. */
  private void commit(List<Batch> group) {
    int size = 0;
    for (Batch b : group) {
      size += b.bytes.length;
    }
    ByteBuffer all = ByteBuffer.allocate(size);
    for (Batch b : group) {
      all.put(b.bytes);
    }
    all.flip();
    try {
      if (active == null) {
        openActive();
      }
      rotateIfDue(size);
      while (all.hasRemaining()) {
        active.write(all, committed + all.position());
      }
      dirty = true;
      long now = System.currentTimeMillis();
      if (options.fsync() == FsyncPolicy.ALWAYS
          || now - lastFsync >= options.fsyncInterval().toMillis()) {
        active.force(false);
        fsyncs.incrementAndGet();
        dirty = false;
        lastFsync = now;
      }
      committed += size;
      commits.incrementAndGet();
      failure = null;
      int events = 0;
      for (Batch b : group) {
        events += b.events;
      }
      appended.addAndGet(events);
      for (Batch b : group) {
        b.done.complete(null);
      }
    } catch (IOException | RuntimeException e) {
      String why = reason(e);
      failure = why;
      LOG.warn("event log write failed, {} requests refused: {}", group.size(), why);
      rollBack();
      IOException answer = new IOException(why, e);
      for (Batch b : group) {
        b.done.completeExceptionally(answer);
      }
    }
  }

  /** After a failed write: the segment back to its committed length, closed, reopened later. */
  private void rollBack() {
    if (active != null) {
      try {
        active.truncate(committed);
        active.force(false);
      } catch (IOException e) {
        LOG.warn("cannot roll the event log back to byte {} ({}); recovery cuts the rest off "
            + "when it reopens", committed, e.getMessage());
      }
    }
    closeActive();
  }

  private void closeActive() {
    if (active != null) {
      try {
        if (dirty) {
          active.force(false);
          dirty = false;
        }
        active.close();
      } catch (IOException e) {
        LOG.warn("closing event log segment {}: {}", activeNumber, e.getMessage());
      }
      active = null;
    }
  }

  private void rotateIfDue(int incoming) throws IOException {
    boolean full = committed > EventLine.HEADER_BYTES.length
        && committed + incoming > options.segmentBytes();
    boolean old = committed > EventLine.HEADER_BYTES.length
        && System.currentTimeMillis() - activeOpenedAt >= options.segmentAge().toMillis();
    if (full || old) {
      closeActive();
      startSegment(activeNumber + 1);
    }
  }

  /**
   * Opens the newest segment for appending after recovering it, or starts the first one. Runs
   * at open and again after a failure.
   */
  private void openActive() throws IOException {
    Path dir = options.dir();
    Files.createDirectories(dir);
    if (lock == null) {
      lockChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        lockChannel.close();
        lockChannel = null;
        throw new IOException("another Aisle server writes this directory (" + dir
            + "/.lock is held)");
      }
    }
    List<Path> segments = Segments.list(dir);
    if (segments.isEmpty()) {
      startSegment(1);
      recovered = new SegmentRecovery(EventLine.HEADER_BYTES.length, 0, 0, 0, 0, true);
      return;
    }
    Path last = segments.get(segments.size() - 1);
    FileChannel ch = FileChannel.open(last, StandardOpenOption.READ, StandardOpenOption.WRITE);
    SegmentRecovery r;
    try {
      r = SegmentRecovery.scan(ch, null);
      if (!r.headerOk()) {
        if (!tornHeader(ch)) {
          throw new IOException(last + " is not an Aisle event log segment (its first line is "
              + "not " + EventLine.HEADER.trim() + "); move it out of " + dir);
        }
        // a segment whose header never reached the disk holds no acknowledged event
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(EventLine.HEADER_BYTES), 0);
        r = new SegmentRecovery(EventLine.HEADER_BYTES.length, 0, 0, r.tornBytes(),
            r.tornLines(), false);
      } else if (r.tornBytes() > 0) {
        ch.truncate(r.validBytes());
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (r.tornBytes() > 0 || r.damagedLines() > 0) {
      LOG.warn(String.format(Locale.ROOT, "event log %s: cut off a torn tail of %d line(s), %d "
          + "bytes, never acknowledged; %d damaged line(s) kept; %d events in the segment",
          last, r.tornLines(), r.tornBytes(), r.damagedLines(), r.events()));
    }
    recovered = r;
    active = ch;
    activeNumber = Segments.number(last);
    activeOpenedAt = Files.getLastModifiedTime(last).toMillis();
    committed = ch.size();
    lastFsync = System.currentTimeMillis();
    if (committed >= options.segmentBytes()) {
      closeActive();
      startSegment(activeNumber + 1);
    }
  }

  /** Whether the file holds no more than a header cut short (or the zeros of a power cut). */
  private static boolean tornHeader(FileChannel ch) throws IOException {
    byte[] header = EventLine.HEADER_BYTES;
    long size = ch.size();
    if (size >= header.length) {
      return false;
    }
    ByteBuffer b = ByteBuffer.allocate((int) size);
    while (b.hasRemaining() && ch.read(b, b.position()) >= 0) {
      // reads the whole short file
    }
    for (int i = 0; i < size; i++) {
      if (b.get(i) != header[i] && b.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  private void startSegment(long number) throws IOException {
    Path path = Segments.path(options.dir(), number);
    FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.READ);
    try {
      ByteBuffer header = ByteBuffer.wrap(EventLine.HEADER_BYTES);
      while (header.hasRemaining()) {
        ch.write(header, header.position());
      }
      ch.force(true);
      forceDirectory(options.dir());
    } catch (IOException e) {
      ch.close();
      Files.deleteIfExists(path);
      throw e;
    }
    active = ch;
    activeNumber = number;
    activeOpenedAt = System.currentTimeMillis();
    committed = EventLine.HEADER_BYTES.length;
    lastFsync = activeOpenedAt;
  }

  /** Makes a new file's name durable (its directory entry), as fsync(2) asks. */
  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems cannot open a directory for fsync; the file's own fsync still ran
      LOG.debug("cannot fsync directory {}: {}", dir, e.getMessage());
    }
  }

  private static String reason(Throwable e) {
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName();
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + m;
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason() + ": " + fse.getFile();
    }
    return m == null ? kind : m;
  }
}
