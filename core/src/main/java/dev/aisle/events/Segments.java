package dev.aisle.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The segment files of a log directory: names, numbers and order. */
public final class Segments {
  private static final Pattern NAME = Pattern.compile("events-(\\d{8,})\\.csv");

  private Segments() {}

  /** The segment files in {@code dir}, oldest first; empty when the directory does not exist. */
  public static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).forEach(out::add);
    }
    out.sort((a, b) -> Long.compare(number(a), number(b)));
    return out;
  }

  /** The number in a segment's name. */
  public static long number(Path segment) {
    Matcher m = NAME.matcher(segment.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a segment name: " + segment.getFileName());
    }
    return Long.parseLong(m.group(1));
  }

  /** The path of segment {@code number} in {@code dir}. */
  public static Path path(Path dir, long number) {
    return dir.resolve(String.format(Locale.ROOT, "events-%08d.csv", number));
  }
}
