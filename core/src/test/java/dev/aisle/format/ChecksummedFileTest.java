package dev.aisle.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisle.BadInputException;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed checksum of a file agrees with what writing and reading it say, and catches what
 * reading catches, for bodies smaller and larger than its buffer; reading a large file leaves no
 * copy of it behind in the JDK's per-thread direct buffers.
 */
class ChecksummedFileTest {
  @TempDir Path dir;

  private Path written(String name, int bodyBytes) {
    BinaryWriter body = new BinaryWriter(16);
    SplittableRandom rng = new SplittableRandom(bodyBytes);
    for (int i = 0; i < bodyBytes; i++) {
      body.writeByte(rng.nextInt(256));
    }
    Path file = dir.resolve(name);
    String sum = ChecksummedFile.write(file, "AISLTEST", 2, body);
    assertThat(ChecksummedFile.read(file, "AISLTEST", 2, "test").checksum()).isEqualTo(sum);
    return file;
  }

  @Test
  void the_streamed_checksum_is_the_one_written_and_read() {
    for (int size : new int[] {0, 1, 4_095, (1 << 20) + 17, 3 << 20}) {
      Path file = written("f" + size, size);
      assertThat(ChecksummedFile.checksum(file, "AISLTEST", 2, "test"))
          .isEqualTo(ChecksummedFile.read(file, "AISLTEST", 2, "test").checksum());
    }
  }

  @Test
  void reading_a_large_file_keeps_no_copy_of_it_off_the_heap() throws Exception {
    Path file = written("large", 24 << 20);
    long[] grown = new long[1];
    Thread reader = new Thread(() -> {
      long before = directBytes();
      ChecksummedFile.read(file, "AISLTEST", 2, "test");
      grown[0] = directBytes() - before;
    });
    reader.start();
    reader.join();
    assertThat(grown[0]).isLessThanOrEqualTo(2L << 20);
  }

  private static long directBytes() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(p -> p.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed)
        .sum();
  }

  @Test
  void a_flipped_byte_past_the_first_buffer_is_caught() throws IOException {
    Path file = written("big", (1 << 20) * 2);
    byte[] bytes = Files.readAllBytes(file);
    bytes[(1 << 20) + 100] ^= 0x01;
    Files.write(file, bytes);
    assertThatThrownBy(() -> ChecksummedFile.checksum(file, "AISLTEST", 2, "test"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("checksum mismatch");
  }

  @Test
  void another_kind_a_newer_version_a_short_or_missing_file_are_refused() throws IOException {
    Path file = written("kind", 100);
    assertThatThrownBy(() -> ChecksummedFile.checksum(file, "AISLOTHR", 2, "other"))
        .hasMessageContaining("not an Aisle other file");
    assertThatThrownBy(() -> ChecksummedFile.checksum(file, "AISLTEST", 1, "test"))
        .hasMessageContaining("format version 2").hasMessageContaining("upgrade Aisle");
    Path tiny = dir.resolve("tiny");
    Files.write(tiny, new byte[] {'A', 'I'});
    assertThatThrownBy(() -> ChecksummedFile.checksum(tiny, "AISLTEST", 2, "test"))
        .hasMessageContaining("not an Aisle test file");
    assertThatThrownBy(() -> ChecksummedFile.checksum(dir.resolve("none"), "AISLTEST", 2,
        "test")).hasMessageContaining("no such test file");
  }
}
