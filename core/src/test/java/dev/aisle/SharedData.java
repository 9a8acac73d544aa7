package dev.aisle;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real sample logs in {@code ../shared/data} beside the checkout (see each folder's
 * SOURCE.md). Tests read them in place; they are never copied into the repository.
 */
public final class SharedData {
  private SharedData() {}

  /** A file under the shared data folder; fails loudly when the folder is not there. */
  public static Path file(String relative) {
    String root = System.getProperty("aisle.shared.data", "../shared/data");
    Path p = Path.of(root).resolve(relative).normalize();
    if (!Files.isReadable(p)) {
      throw new IllegalStateException("real test data not found at " + p.toAbsolutePath()
          + ": the tests expect ../shared/data beside the checkout");
    }
    return p;
  }
}
