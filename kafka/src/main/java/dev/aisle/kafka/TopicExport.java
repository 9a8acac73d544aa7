package dev.aisle.kafka;

import dev.aisle.events.EventFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The events of a Kafka event log written to a file in the file log's format: what a retrain
 * reads when the servers log to Kafka ({@code aisle retrain --event-log kafka://...}).
 */
public final class TopicExport {
  private TopicExport() {}

  /**
   * Writes the events stored at or after {@code sinceMillis} (by the servers' clocks) up to the
   * end of the topic as it is now.
   *
   * @return the events written
   */
  public static long write(String uri, long sinceMillis, Path file) throws IOException {
    long[] n = {0};
    try (KafkaEventLog topic = KafkaEventLog.open(uri);
        EventFileWriter out = new EventFileWriter(file)) {
      topic.replay(sinceMillis, e -> {
        try {
          out.write(e);
          n[0]++;
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
    }
    return n[0];
  }
}
