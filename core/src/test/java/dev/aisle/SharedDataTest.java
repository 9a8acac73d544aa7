package dev.aisle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Where the sample logs are looked for, and what a missing one does to a test. */
class SharedDataTest {
  @TempDir Path dir;
  private String root;
  private String require;

  @BeforeEach
  void pointAtTemp() {
    root = System.getProperty("aisle.shared.data");
    require = System.getProperty("aisle.require.data");
    System.setProperty("aisle.shared.data", dir.toString());
  }

  @AfterEach
  void restore() {
    restore("aisle.shared.data", root);
    restore("aisle.require.data", require);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void a_present_file_is_found_under_the_property() throws Exception {
    Path f = Files.createDirectories(dir.resolve("tiny")).resolve("log.tsv");
    Files.writeString(f, "SessionId\tItemId\tTime\n");
    assertThat(SharedData.file("tiny/log.tsv")).isEqualTo(f);
  }

  @Test
  void a_missing_dataset_skips_the_test_naming_it_and_the_fetch_script() {
    System.setProperty("aisle.require.data", "false");
    if (SharedData.required()) { // CI is set: then it must fail instead, checked below
      return;
    }
    TestAbortedException e = assertThrows(TestAbortedException.class,
        () -> SharedData.file("example-dataset/train.txt"));
    assertThat(e).hasMessageContaining("example-dataset").hasMessageContaining(
        "scripts/fetch-test-data.sh").hasMessageContaining(dir.toString());
  }

  @Test
  void a_missing_dataset_fails_where_the_data_is_required() {
    System.setProperty("aisle.require.data", "true");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SharedData.file("example-dataset/train.jsonl"));
    assertThat(e).hasMessageContaining("example-dataset").hasMessageContaining("required");
  }
}
