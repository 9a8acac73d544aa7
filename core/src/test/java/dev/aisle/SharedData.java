package dev.aisle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The real sample logs tests read in place (see each folder's SOURCE.md); they are never copied
 * into the repository. Where they are:
 *
 * <ol>
 *   <li>the system property {@code aisle.shared.data} (Maven sets it to {@code ../shared/data}
 *       beside the checkout, or to {@code AISLE_SHARED_DATA} when that is set);
 *   <li>else the environment variable {@code AISLE_SHARED_DATA};
 *   <li>else {@code shared/data} beside the checkout, found from the working directory upwards
 *       (the checkout's root holds {@code .mvn/}).
 * </ol>
 *
 * <p>A test whose dataset is not there is skipped with one line naming the dataset and how to get
 * it ({@code scripts/fetch-test-data.sh}), unless {@code -Daisle.require.data=true} or the
 * environment variable {@code CI} demands the data: then it fails.
 */
public final class SharedData {
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private SharedData() {}

  /**
   * A file under the shared data folder, e.g. {@code yoochoose-100k/train.txt}. Aborts the
   * calling test (skipped) when it is missing, or fails it where the data is required.
   */
  public static Path file(String relative) {
    Path p = root().resolve(relative).normalize();
    if (Files.isReadable(p)) {
      return p;
    }
    String dataset = Path.of(relative).getName(0).toString();
    String line = "real test data " + dataset + " not found at " + p.toAbsolutePath()
        + "; get it with scripts/fetch-test-data.sh, or point -Daisle.shared.data (or "
        + "AISLE_SHARED_DATA) at a folder that holds " + dataset + "/";
    if (required()) {
      throw new IllegalStateException(line + " (required: "
          + (Boolean.getBoolean("aisle.require.data") ? "-Daisle.require.data=true" : "CI is set")
          + ")");
    }
    if (REPORTED.add(dataset)) {
      System.err.println("skipped: " + line);
    }
    Assumptions.abort(line);
    throw new AssertionError("unreachable");
  }

  /** Whether a missing dataset fails the tests instead of skipping them. */
  static boolean required() {
    String ci = System.getenv("CI");
    return Boolean.getBoolean("aisle.require.data")
        || (ci != null && !ci.isBlank() && !ci.toLowerCase(Locale.ROOT).equals("false"));
  }

  private static Path root() {
    String property = System.getProperty("aisle.shared.data");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv("AISLE_SHARED_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve(".mvn"))) {
        return d.resolveSibling("shared").resolve("data");
      }
    }
    return dir.resolveSibling("shared").resolve("data");
  }
}
