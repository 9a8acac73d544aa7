package dev.aisle.server.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.neighbours.NeighbourKernel;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes saved beside a model file are mapped on the next load, and built again (never used)
 * when missing, built from another model file, or corrupt. Whether a load built or mapped is told
 * by the steps it reported: only builds report one.
 */
class SavedIndexesTest {
  private static final int N = 3_000;
  private static final int DIM = 16;

  @TempDir Path dir;
  private Path model;
  private UnitVectors unit;
  private final List<String> built = new CopyOnWriteArrayList<>();

  @BeforeEach
  void vectors() {
    model = dir.resolve("shop.model");
    SplittableRandom rng = new SplittableRandom(3);
    float[] v = new float[N * DIM];
    for (int p = 0; p < N; p++) {
      double norm = 0;
      for (int i = 0; i < DIM; i++) {
        v[p * DIM + i] = (float) rng.nextGaussian();
        norm += v[p * DIM + i] * v[p * DIM + i];
      }
      for (int i = 0; i < DIM; i++) {
        v[p * DIM + i] /= (float) Math.sqrt(norm);
      }
    }
    unit = new UnitVectors(v, N, DIM);
  }

  private SavedIndexes saved(String checksum) {
    return SavedIndexes.beside("m", model, checksum, (step, done, total) -> {
      // "m: HNSW graph: merging into one graph" is part of building "m: HNSW graph"
      int sub = step.indexOf(": ", step.indexOf(": ") + 2);
      String what = sub < 0 ? step : step.substring(0, sub);
      if (!built.contains(what)) {
        built.add(what);
      }
    });
  }

  private NeighbourLists lists(String checksum) {
    return saved(checksum).neighbourLists("exact", N, 20, () -> NeighbourLists.compute(
        NeighbourKernel.of(unit.unit, N, DIM), 20, 2, BuildProgress.NONE, "lists"));
  }

  private static void assertSameLists(NeighbourLists a, NeighbourLists b) {
    for (int p = 0; p < N; p += 97) {
      assertThat(a.nearest(p, 20)).isEqualTo(b.nearest(p, 20));
    }
  }

  @Test
  void missing_lists_are_built_and_saved_then_mapped_on_the_next_load() {
    NeighbourLists first = lists("aaaa0001");
    assertThat(built).containsExactly("m: neighbour lists");
    assertThat(dir.resolve("shop.model.index/neighbours.bin")).isRegularFile();
    built.clear();
    NeighbourLists second = lists("aaaa0001");
    assertThat(built).isEmpty();
    assertSameLists(first, second);
  }

  @Test
  void lists_of_another_model_file_are_stale_and_built_again() {
    lists("aaaa0001");
    built.clear();
    lists("bbbb0002");
    assertThat(built).containsExactly("m: neighbour lists");
    built.clear();
    lists("bbbb0002");
    assertThat(built).as("the rebuilt lists replaced the stale ones").isEmpty();
  }

  @Test
  void lists_of_another_length_are_stale() {
    lists("aaaa0001");
    built.clear();
    saved("aaaa0001").neighbourLists("exact", N, 10, () -> NeighbourLists.compute(
        NeighbourKernel.of(unit.unit, N, DIM), 10, 2, BuildProgress.NONE, "lists"));
    assertThat(built).containsExactly("m: neighbour lists");
  }

  @Test
  void corrupt_or_truncated_lists_are_built_again() throws IOException {
    NeighbourLists good = lists("aaaa0001");
    Path file = dir.resolve("shop.model.index/neighbours.bin");
    flipByte(file, Files.size(file) / 2);
    built.clear();
    assertSameLists(good, lists("aaaa0001"));
    assertThat(built).containsExactly("m: neighbour lists");

    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    built.clear();
    assertSameLists(good, lists("aaaa0001"));
    assertThat(built).containsExactly("m: neighbour lists");
  }

  @Test
  void the_scan_layout_is_saved_and_a_corrupt_one_built_again() throws IOException {
    NeighbourLists l = lists("aaaa0001");
    int[] first = saved("aaaa0001").scanLayout(N, ScanLayout.similar(l)).slots(32);
    built.clear();
    assertThat(saved("aaaa0001").scanLayout(N, ScanLayout.similar(l)).slots(32))
        .isEqualTo(first);
    assertThat(built).isEmpty();
    assertThat(saved("aaaa0001").scanLayout(N, ScanLayout.similar(l)).slots(16))
        .as("another block size").hasSize((N + 15) / 16 * 16);
    assertThat(built).containsExactly("m: session scan blocks");
    flipByte(dir.resolve("shop.model.index/scan-blocks.bin"), 40);
    built.clear();
    saved("aaaa0001").scanLayout(N, ScanLayout.similar(l)).slots(16);
    assertThat(built).containsExactly("m: session scan blocks");
  }

  @Test
  void the_hnsw_graph_is_saved_mapped_and_rebuilt_when_stale_or_corrupt() throws IOException {
    float[] q = unit.row(42);
    try (AnnIndex first = saved("aaaa0001").hnsw(unit, 16, 100)) {
      assertThat(built).containsExactly("m: HNSW graph");
      assertThat(first.search(q, 1, 50).get(0).product()).isEqualTo(42);
    }
    built.clear();
    try (AnnIndex mapped = saved("aaaa0001").hnsw(unit, 16, 100)) {
      assertThat(built).isEmpty();
      assertThat(mapped.search(q, 1, 50).get(0).product()).isEqualTo(42);
    }
    try (AnnIndex other = saved("aaaa0001").hnsw(unit, 8, 100)) {
      assertThat(built).as("other settings").containsExactly("m: HNSW graph");
    }
    built.clear();
    Path graph = dir.resolve("shop.model.index/hnsw-aaaa0001");
    Path vectors;
    try (Stream<Path> files = Files.list(graph)) {
      // the largest file: the vectors, or the compound file that holds them
      vectors = files.max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
    }
    flipByte(vectors, Files.size(vectors) / 2);
    try (AnnIndex rebuilt = saved("aaaa0001").hnsw(unit, 8, 100)) {
      assertThat(built).as("corrupt").containsExactly("m: HNSW graph");
      assertThat(rebuilt.search(q, 1, 50).get(0).product()).isEqualTo(42);
    }
    built.clear();
    try (AnnIndex stale = saved("bbbb0002").hnsw(unit, 8, 100)) {
      assertThat(built).as("another model file").containsExactly("m: HNSW graph");
    }
    assertThat(graph).as("the other model file's graph is removed").doesNotExist();
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x5a);
    }
  }
}
