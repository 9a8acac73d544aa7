package dev.aisle.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SegmentLog} writes.
 *
 * @param dir the directory of the segments (created when missing)
 * @param fsync when an event counts as stored
 * @param fsyncInterval how often {@link FsyncPolicy#INTERVAL} forces the segment to disk
 * @param segmentBytes a segment closes once it holds this many bytes
 * @param segmentAge a segment closes once it is this old
 */
public record EventLogOptions(Path dir, FsyncPolicy fsync, Duration fsyncInterval,
    long segmentBytes, Duration segmentAge) {
  /** 64 MiB: about a million events. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

  public EventLogOptions {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(fsync, "fsync");
    if (fsyncInterval.isNegative() || fsyncInterval.isZero()) {
      throw new IllegalArgumentException("fsync interval must be positive, was "
          + fsyncInterval);
    }
    if (segmentBytes < 4096) {
      throw new IllegalArgumentException("segment size must be >= 4096 bytes, was "
          + segmentBytes);
    }
    if (segmentAge.isNegative() || segmentAge.isZero()) {
      throw new IllegalArgumentException("segment age must be positive, was " + segmentAge);
    }
  }

  /** Fsync always, 64 MiB or one hour a segment. */
  public static EventLogOptions of(Path dir) {
    return new EventLogOptions(dir, FsyncPolicy.ALWAYS, Duration.ofMillis(200),
        DEFAULT_SEGMENT_BYTES, Duration.ofHours(1));
  }

  public EventLogOptions withFsync(FsyncPolicy policy) {
    return new EventLogOptions(dir, policy, fsyncInterval, segmentBytes, segmentAge);
  }

  public EventLogOptions withSegmentBytes(long bytes) {
    return new EventLogOptions(dir, fsync, fsyncInterval, bytes, segmentAge);
  }

  public EventLogOptions withSegmentAge(Duration age) {
    return new EventLogOptions(dir, fsync, fsyncInterval, segmentBytes, age);
  }
}
