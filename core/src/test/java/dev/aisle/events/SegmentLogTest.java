package dev.aisle.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.corpus.IngestResult;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.session.CleaningOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SegmentLogTest {
  private static final long T0 = 1_764_000_000_000L;
  @TempDir Path dir;

  private static List<Event> read(Path dir) throws Exception {
    List<Event> out = new ArrayList<>();
    for (Path s : Segments.list(dir)) {
      try (var ch = java.nio.channels.FileChannel.open(s, StandardOpenOption.READ)) {
        SegmentRecovery r = SegmentRecovery.scan(ch, out::add);
        assertThat(r.tornBytes()).as("torn bytes in " + s).isZero();
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(FsyncPolicy.class)
  void concurrent_appends_are_all_stored_once_in_fewer_commits(FsyncPolicy policy)
      throws Exception {
    List<Event> sent = Collections.synchronizedList(new ArrayList<>());
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(dir).withFsync(policy))) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int client = c;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            List<Event> batch = List.of(Event.view("c" + client, "P" + i, T0 + i),
                new Event("c" + client, "Q" + i, T0 + i, "cart"));
            log.append(batch);
            sent.addAll(batch);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertThat(log.appended()).isEqualTo(3200);
      assertThat(log.commits()).isLessThanOrEqualTo(1600);
      assertThat(log.counters().get("events_total").get()).isEqualTo(3200L);
    }
    assertThat(read(dir)).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void segments_rotate_by_size_and_ingest_reads_them_as_aisle_logs() throws Exception {
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(dir).withSegmentBytes(4096))) {
      for (int i = 0; i < 300; i++) {
        // customer i/3: sessions of three views, a minute apart
        log.append(List.of(Event.view("c" + i / 3, "P" + (i % 7), T0 + i * 60_000L)));
      }
    }
    List<Path> segments = Segments.list(dir);
    assertThat(segments).hasSizeGreaterThan(3);
    for (Path s : segments) {
      assertThat(Files.size(s)).isLessThanOrEqualTo(4096);
    }
    IngestResult r = CorpusBuilder.ingest(segments, new IngestOptions(Preset.AISLE.format(), null,
        Duration.ofMinutes(30), true), CleaningOptions.none(), null, null);
    assertThat(r.corpus().eventCount()).isEqualTo(300);
    assertThat(r.corpus().sessionCount()).isEqualTo(100);
  }

  @Test
  void segments_rotate_by_age() throws Exception {
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(dir)
        .withSegmentAge(Duration.ofMillis(50)))) {
      log.append(List.of(Event.view("c", "P1", T0)));
      Thread.sleep(80);
      log.append(List.of(Event.view("c", "P2", T0 + 1)));
    }
    assertThat(Segments.list(dir)).hasSize(2);
  }

  @Test
  void opening_cuts_a_torn_last_line_off_and_counts_it() throws Exception {
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(dir))) {
      log.append(List.of(Event.view("c1", "P1", T0), Event.view("c1", "P2", T0 + 1)));
    }
    Path seg = Segments.list(dir).get(0);
    byte[] next = EventLine.encode(Event.view("c1", "P3", T0 + 2));
    // the crash: half of a line, then the zeros a power cut can leave in allocated blocks
    Files.write(seg, java.util.Arrays.copyOf(next, next.length / 2), StandardOpenOption.APPEND);
    Files.write(seg, new byte[100], StandardOpenOption.APPEND);
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(dir))) {
      assertThat(log.recovered().events()).isEqualTo(2);
      assertThat(log.recovered().tornLines()).isEqualTo(1);
      assertThat(log.recovered().tornBytes()).isEqualTo(next.length / 2 + 100);
      log.append(List.of(Event.view("c1", "P4", T0 + 3)));
    }
    assertThat(read(dir)).extracting(Event::product).containsExactly("P1", "P2", "P4");
  }

  @Test
  void a_damaged_line_before_good_ones_is_kept_and_counted_not_cut() throws Exception {
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(dir))) {
      log.append(List.of(Event.view("c1", "P1", T0), Event.view("c1", "P2", T0 + 1)));
    }
    Path seg = Segments.list(dir).get(0);
    byte[] b = Files.readAllBytes(seg);
    b[EventLine.HEADER_BYTES.length + 1] ^= 1; // inside the first event line
    Files.write(seg, b);
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(dir))) {
      assertThat(log.recovered().damagedLines()).isEqualTo(1);
      assertThat(log.recovered().tornBytes()).isZero();
    }
    assertThat(Files.size(seg)).isEqualTo(b.length);
  }

  @Test
  void replay_feeds_the_events_since_a_time() throws Exception {
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(dir).withSegmentBytes(4096))) {
      for (int i = 0; i < 200; i++) {
        log.append(List.of(Event.view("c", "P" + i, T0 + i)));
      }
      List<Event> seen = new ArrayList<>();
      log.replay(T0 + 150, seen::add);
      assertThat(seen).extracting(Event::millis).containsExactlyElementsOf(
          java.util.stream.LongStream.range(T0 + 150, T0 + 200).boxed().toList());
    }
  }

  @Test
  void an_unusable_directory_refuses_events_with_the_reason_and_recovers_once_fixed()
      throws Exception {
    Path notADir = dir.resolve("file");
    Files.writeString(notADir, "x", StandardCharsets.UTF_8);
    Path logDir = notADir.resolve("events");
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(logDir))) {
      EventLogUnavailableException e = assertThrows(EventLogUnavailableException.class,
          () -> log.append(List.of(Event.view("c", "P", T0))));
      assertThat(e.getMessage()).contains(logDir.toString()).contains("nothing was acknowledged");
      assertThat(log.failure()).isNotNull();
      Files.delete(notADir);
      log.append(List.of(Event.view("c", "P", T0)));
      assertThat(log.failure()).isNull();
    }
    assertThat(read(logDir)).hasSize(1);
  }

  @Test
  void a_second_log_on_the_same_directory_is_refused() {
    try (SegmentLog first = SegmentLog.open(EventLogOptions.of(dir));
        SegmentLog second = SegmentLog.open(EventLogOptions.of(dir))) {
      first.append(List.of(Event.view("c", "P", T0)));
      EventLogUnavailableException e = assertThrows(EventLogUnavailableException.class,
          () -> second.append(List.of(Event.view("c", "P", T0))));
      assertThat(e.getMessage()).contains("another Aisle server");
    }
  }

  @Test
  void a_segment_cut_in_its_header_starts_over_but_a_foreign_file_is_refused() throws Exception {
    Files.createDirectories(dir);
    Files.write(Segments.path(dir, 1), java.util.Arrays.copyOf(EventLine.HEADER_BYTES, 12));
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(dir))) {
      log.append(List.of(Event.view("c", "P", T0)));
    }
    assertThat(read(dir)).hasSize(1);
    Files.writeString(Segments.path(dir, 2), "id,name\n1,a sofa\n");
    try (SegmentLog log = SegmentLog.open(EventLogOptions.of(dir))) {
      EventLogUnavailableException e = assertThrows(EventLogUnavailableException.class,
          () -> log.append(List.of(Event.view("c", "P", T0))));
      assertThat(e.getMessage()).contains("is not an Aisle event log segment");
    }
    assertThat(Files.readString(Segments.path(dir, 2))).isEqualTo("id,name\n1,a sofa\n");
  }
}
