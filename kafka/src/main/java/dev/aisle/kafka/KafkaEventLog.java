package dev.aisle.kafka;

import dev.aisle.events.Event;
import dev.aisle.events.EventLine;
import dev.aisle.events.EventLog;
import dev.aisle.events.EventLogUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log on a Kafka topic. Every server appends the events it accepts and follows the
 * topic for the events the others accepted, so all of them fold the same stream into their live
 * sessions and fresh indexes.
 *
 * <pre>
 * try (KafkaEventLog log = KafkaEventLog.open("kafka://broker:9092/aisle-events")) {
 *   log.append(List.of(Event.view("c1", "P1", System.currentTimeMillis())));
 * }
 * </pre>
 *
 * <ul>
 * <li>A record is one event: key the customer (one customer's events stay in order in one
 * partition), value the event's line of the file log ({@link EventLine}, with its checksum), so a
 * sink that writes the values to files writes segments {@code aisle ingest} reads; a header names
 * the server that stored it.</li>
 * <li>{@link #append} returns once the brokers acknowledged every event ({@code acks=all}); the
 * idempotent producer keeps its retries from duplicating them. A broker that does not answer
 * within {@value #TIMEOUT_MS} ms makes it throw {@link EventLogUnavailableException} (a 503).</li>
 * <li>{@link #replay} reads from the first record stored at or after the time (record times are
 * the servers' clocks) to the end as it was when called; {@link #follow} goes on from there.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class KafkaEventLog implements EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventLog.class);
  private static final String ORIGIN = "aisle-origin";
  /** How long a request waits for the brokers. */
  static final int TIMEOUT_MS = 10_000;

  private final String uri;
  private final String servers;
  private final String topic;
  private final byte[] origin = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
  private final KafkaProducer<String, byte[]> producer;
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong followed = new AtomicLong();
  private KafkaConsumer<String, byte[]> consumer;
  private Thread follower;
  private volatile boolean closed;

  private KafkaEventLog(String uri, String servers, String topic) {
    this.uri = uri;
    this.servers = servers;
    this.topic = topic;
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT_MS);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "aisle-events");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** True for a {@code kafka://} URI. */
  public static boolean isUri(String s) {
    return s.startsWith("kafka://");
  }

  /**
   * Connects to {@code kafka://HOST:PORT[,HOST:PORT...]/TOPIC}, creating the topic (3 partitions,
   * the brokers' default replication) when it does not exist.
   *
   * @throws IllegalArgumentException for a malformed URI
   * @throws EventLogUnavailableException when no broker answers
   */
  public static KafkaEventLog open(String uri) {
    if (!isUri(uri)) {
      throw new IllegalArgumentException("not a kafka:// URI: " + uri);
    }
    String rest = uri.substring("kafka://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("the event log must be kafka://HOST:PORT[,HOST:PORT]"
          + "/TOPIC, was " + uri);
    }
    String servers = rest.substring(0, slash);
    String topic = rest.substring(slash + 1);
    createTopic(uri, servers, topic);
    return new KafkaEventLog(uri, servers, topic);
  }

  private static void createTopic(String uri, String servers, String topic) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2))) {
      if (!admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.of(3),
            java.util.Optional.empty()))).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        LOG.info("created topic {} on {}", topic, servers);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new EventLogUnavailableException(uri + ": cannot reach the brokers: "
            + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new EventLogUnavailableException(uri + ": no broker answered within " + TIMEOUT_MS
          + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventLogUnavailableException(uri + ": interrupted", e);
    }
  }

  @Override
  public void append(List<Event> events) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
    try {
      for (Event e : events) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, e.customer(),
            EventLine.encode(e));
        r.headers().add(ORIGIN, origin);
        sent.add(producer.send(r));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      }
      appended.addAndGet(events.size());
    } catch (ExecutionException e) {
      throw unavailable(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw unavailable("the brokers did not acknowledge within " + TIMEOUT_MS + " ms", e);
    } catch (KafkaException e) {
      throw unavailable(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted", e);
    }
  }

  private EventLogUnavailableException unavailable(String why, Throwable cause) {
    return new EventLogUnavailableException("the event log " + uri + " cannot store events: "
        + why + "; nothing was acknowledged, retry later", cause);
  }

  @Override
  public synchronized void replay(long sinceMillis, Consumer<Event> sink) {
    if (follower != null) {
      throw new IllegalStateException("replay before follow: the follower owns the consumer");
    }
    if (consumer == null) {
      Map<String, Object> c = new HashMap<>();
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
      c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
      c.put(ConsumerConfig.CLIENT_ID_CONFIG, "aisle-events-follower");
      consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      consumer.assign(partitions);
    }
    Set<TopicPartition> partitions = consumer.assignment();
    Map<TopicPartition, Long> at = new HashMap<>();
    partitions.forEach(p -> at.put(p, sinceMillis));
    Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(at);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    for (TopicPartition p : partitions) {
      OffsetAndTimestamp o = from.get(p);
      consumer.seek(p, o == null ? end.get(p) : o.offset());
    }
    long count = 0;
    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        Event e = decode(r);
        if (e != null && e.millis() >= sinceMillis) {
          sink.accept(e);
          count++;
        }
      }
    }
    LOG.info("replayed {} events of {}", count, uri);
  }

  @Override
  public synchronized void follow(Consumer<Event> sink) {
    if (follower != null) {
      throw new IllegalStateException("already following " + uri);
    }
    if (consumer == null) {
      replay(System.currentTimeMillis(), e -> { });
    }
    follower = new Thread(() -> {
      try {
        while (!closed) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
            Header h = r.headers().lastHeader(ORIGIN);
            if (h != null && Arrays.equals(h.value(), origin)) {
              continue; // this server's own: already in its sessions
            }
            Event e = decode(r);
            if (e != null) {
              sink.accept(e);
              followed.incrementAndGet();
            }
          }
        }
      } catch (WakeupException e) {
        // closing
      } catch (RuntimeException e) {
        LOG.error("stopped following {}: {}", uri, e.getMessage(), e);
      } finally {
        consumer.close();
      }
    }, "aisle-kafka-follower");
    follower.setDaemon(true);
    follower.start();
  }

  private Event decode(ConsumerRecord<String, byte[]> r) {
    byte[] v = r.value();
    Event e = v == null || v.length == 0 ? null : EventLine.decode(v, 0, v.length - 1);
    if (e == null) {
      LOG.warn("{}: record {}-{}@{} is not an Aisle event line; skipped", uri, r.topic(),
          r.partition(), r.offset());
    }
    return e;
  }

  @Override
  public Map<String, Supplier<Number>> counters() {
    return Map.of("events_total", appended::get, "followed_total", followed::get);
  }

  @Override
  public String describe() {
    return uri;
  }

  @Override
  public void close() {
    closed = true;
    producer.close(Duration.ofSeconds(5));
    Thread f;
    synchronized (this) {
      f = follower;
      if (f == null && consumer != null) {
        consumer.close();
      }
    }
    if (f != null) {
      consumer.wakeup();
      try {
        f.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
