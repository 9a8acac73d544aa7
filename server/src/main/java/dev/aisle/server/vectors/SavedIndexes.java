package dev.aisle.server.vectors;

import dev.aisle.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.IntBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving indexes of one model file, saved beside it in {@code MODEL.index/} so that a
 * restart maps them instead of building them again:
 *
 * <table>
 *   <caption>Files in {@code MODEL.index/}</caption>
 *   <tr><th>file</th><th>holds</th><th>read by</th></tr>
 *   <tr><td>{@code neighbours.bin}</td><td>each product's nearest neighbours (an embedding), or its
 *       related products as the model answers them (session kNN)</td>
 *       <td>memory-mapped, used in place</td></tr>
 *   <tr><td>{@code scan-blocks.bin}</td><td>the int8 session scan's blocks of similar products</td>
 *       <td>memory-mapped, copied into the scan</td></tr>
 *   <tr><td>{@code hnsw-CHECKSUM/}</td><td>Lucene's HNSW graph and vectors</td>
 *       <td>{@link org.apache.lucene.store.MMapDirectory}</td></tr>
 * </table>
 *
 * <p>Each records the checksum of the model file it was built from and how it was built; a file
 * that is missing, was built from another model file or with other settings, or fails its
 * checksum is built again, with a log line that says which and why, and never used. Files are
 * written whole and renamed into place (the HNSW directory too), so a crash leaves no half index.
 * When the folder cannot be written the indexes are built in memory and a warning says so.
 *
 * <p>Not thread-safe; one per model load.
 */
final class SavedIndexes {
  private static final Logger LOG = LoggerFactory.getLogger(SavedIndexes.class);

  private final String name;
  private final Path dir;
  private final String checksum;
  private final BuildProgress progress;

  private SavedIndexes(String name, Path dir, String checksum, BuildProgress progress) {
    this.name = name;
    this.dir = dir;
    this.checksum = checksum;
    this.progress = progress;
  }

  /**
   * The indexes of {@code modelFile}, whose checksum is {@code checksum}, in {@code
   * modelFile.index/}.
   *
   * @param name the model's served name, for the log
   */
  static SavedIndexes beside(String name, Path modelFile, String checksum,
      BuildProgress progress) {
    Path file = modelFile.toAbsolutePath();
    return new SavedIndexes(name, file.resolveSibling(file.getFileName() + ".index"),
        Objects.requireNonNull(checksum), progress);
  }

  BuildProgress progress() {
    return progress;
  }

  String name() {
    return name;
  }

  /**
   * The saved neighbour lists of this {@code kind} ({@code exact}, {@code hnsw}, or {@code
   * related-sknn} for {@link ListedRelated}), mapped; else
   * {@code build}'s, saved and mapped.
   */
  NeighbourLists neighbourLists(String kind, int size, int length,
      Supplier<NeighbourLists> build) {
    Map<String, Object> header = header("neighbours-" + kind, size);
    header.put("length", length);
    Path file = dir.resolve("neighbours.bin");
    IndexFile.Reader saved = open(file, header, "neighbour lists");
    if (saved != null) {
      return NeighbourLists.read(saved, size, length);
    }
    NeighbourLists built = timed("neighbour lists", build);
    if (save(file, header, built::write)) {
      IndexFile.Reader in = open(file, header, "neighbour lists");
      if (in != null) {
        return NeighbourLists.read(in, size, length);
      }
    }
    return built;
  }

  /** The saved block layout of the session scan; else {@code build}'s, saved. */
  ScanLayout scanLayout(int size, ScanLayout build) {
    Path file = dir.resolve("scan-blocks.bin");
    return block -> {
      Map<String, Object> header = header("scan-blocks", size);
      header.put("block", block);
      IndexFile.Reader in = open(file, header, "session scan blocks");
      if (in != null) {
        IntBuffer saved = in.ints();
        int[] slots = new int[saved.limit()];
        saved.get(0, slots);
        return slots;
      }
      int[] slots = timed("session scan blocks", () -> build.slots(block));
      save(file, header, out -> out.ints(slots));
      return slots;
    };
  }

  /**
   * The saved HNSW graph of {@code unit}, memory-mapped; else one built now (into the folder,
   * then mapped, or in memory when the folder cannot be written).
   */
  AnnIndex hnsw(UnitVectors unit, int maxConn, int beamWidth) {
    Map<String, String> built = new LinkedHashMap<>();
    built.put("model", checksum);
    built.put("products", String.valueOf(unit.size));
    built.put("maxConn", String.valueOf(maxConn));
    built.put("beamWidth", String.valueOf(beamWidth));
    Path graph = dir.resolve("hnsw-" + checksum);
    if (Files.isDirectory(graph)) {
      try {
        AnnIndex ann = AnnIndex.map(graph, built);
        LOG.info("{}: mapped the saved HNSW graph from {}", name, graph);
        return ann;
      } catch (IndexFile.Corrupt | IOException e) {
        LOG.warn("{}: the saved HNSW graph {} is not usable ({}): building it again", name,
            graph, e.getMessage());
      }
    } else {
      LOG.info("{}: no saved HNSW graph for this model file in {}{}: building it", name, dir,
          otherGraphs());
    }
    Path partial = dir.resolve("hnsw-" + checksum + ".partial");
    try {
      Files.createDirectories(dir);
      deleteTree(partial);
      try (Directory fs = FSDirectory.open(partial)) {
        timed("HNSW graph", () -> AnnIndex.build(fs, unit.unit, unit.size, unit.dim, maxConn,
            beamWidth, built, progress, name + ": HNSW graph"));
      }
      deleteTree(graph);
      Files.move(partial, graph, StandardCopyOption.ATOMIC_MOVE);
      removeOtherGraphs(graph);
      return AnnIndex.map(graph, built);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("{}: cannot save the HNSW graph in {} ({}): building it in memory", name, dir,
          e.getMessage());
      return timed("HNSW graph", () -> new AnnIndex(unit.unit, unit.size, unit.dim, maxConn,
          beamWidth));
    }
  }

  private Map<String, Object> header(String kind, int size) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("kind", kind);
    h.put("model", checksum);
    h.put("products", size);
    return h;
  }

  /**
   * The file mapped when it holds what {@code expected} says; else null, with a log line that
   * says why it is built again.
   */
  private IndexFile.Reader open(Path file, Map<String, Object> expected, String what) {
    IndexFile.Reader in;
    try {
      in = IndexFile.map(file);
    } catch (NoSuchFileException e) {
      LOG.info("{}: no saved {} in {}: building them", name, what, dir);
      return null;
    } catch (IndexFile.Corrupt | IOException e) {
      LOG.warn("{}: the saved {} are not usable ({}): building them again", name, what,
          e.getMessage());
      return null;
    }
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      Object found = in.header().get(e.getKey());
      if (!String.valueOf(e.getValue()).equals(String.valueOf(found))) {
        LOG.info("{}: the saved {} in {} are stale ({} {}, this model needs {}): building them"
            + " again", name, what, file, e.getKey(), found, e.getValue());
        return null;
      }
    }
    LOG.info("{}: mapped the saved {} from {}", name, what, file);
    return in;
  }

  /** Writes an index file; false (with a warning) when the folder cannot be written. */
  private boolean save(Path file, Map<String, Object> header,
      java.util.function.Consumer<IndexFile.Writer> body) {
    try (IndexFile.Writer out = new IndexFile.Writer(file, header)) {
      body.accept(out);
      out.commit();
      return true;
    } catch (UncheckedIOException e) {
      LOG.warn("{}: cannot save {} ({}): serving what was built in memory", name, file,
          e.getCause().getMessage());
      return false;
    }
  }

  private <T> T timed(String what, Supplier<T> build) {
    long start = System.nanoTime();
    progress.report(name + ": " + what, 0, 0);
    T t = build.get();
    LOG.info(String.format(Locale.ROOT, "%s: built the %s in %.1f s", name, what,
        (System.nanoTime() - start) / 1e9));
    return t;
  }

  private String otherGraphs() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith("hnsw-"))
          ? " (the one there was built from another model file)" : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Removes the graphs of other model files: their models are no longer loaded from here. */
  private void removeOtherGraphs(Path keep) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "hnsw-*")) {
      for (Path p : s) {
        if (!p.equals(keep)) {
          deleteTree(p);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw new BadInputException(root + ": cannot remove: " + e.getMessage(), e);
    }
  }
}
