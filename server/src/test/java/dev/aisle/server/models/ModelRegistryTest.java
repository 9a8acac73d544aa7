package dev.aisle.server.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.server.request.ApiException;
import dev.aisle.server.shop.Shop;
import dev.aisle.server.vectors.Demand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry answers 503 until its first load is done, saves the indexes of an embedding model
 * beside its file, and maps them on the next start instead of building them again.
 */
class ModelRegistryTest {
  @TempDir static Path dir;
  private static Path model;
  private static Shop shop;

  @BeforeAll
  static void train() {
    Corpus corpus = TestShops.shop(dir.resolve("shop"), 400, 1500, 5);
    Algorithm.Training t = Algorithm.ITEM2VEC.prepare(Params.parse(List.of("epochs=3")));
    Recommender m = t.train(corpus, new TrainContext(1, 1, null, null));
    model = dir.resolve("i2v.model");
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, CorpusFile.checksum(corpus),
        corpus.eventCount()), model);
    shop = Shop.load(dir.resolve("shop/catalog.csv"));
  }

  private static ModelRegistry registry() {
    return new ModelRegistry(List.of(new ModelSource("i2v", model)), shop, 100_000, 1_000);
  }

  @Test
  void answers_503_with_its_progress_until_loaded() {
    ModelRegistry r = registry();
    assertThat(r.ready()).isFalse();
    ApiException e = assertThrows(ApiException.class, () -> r.get(null));
    assertThat(e.status()).isEqualTo(503);
    assertThat(r.progress()).containsKeys("step", "seconds");
    r.load();
    assertThat(r.ready()).isTrue();
    assertThat(r.get("i2v").model().algorithm()).isEqualTo("item2vec");
    assertThrows(IllegalStateException.class, r::load);
  }

  @Test
  void a_restart_maps_the_indexes_saved_beside_the_model() throws Exception {
    ModelRegistry first = registry();
    first.load();
    Path lists = dir.resolve("i2v.model.index/neighbours.bin");
    Path blocks = dir.resolve("i2v.model.index/scan-blocks.bin");
    assertThat(lists).isRegularFile();
    assertThat(blocks).isRegularFile();
    FileTime listsWritten = Files.getLastModifiedTime(lists);
    FileTime blocksWritten = Files.getLastModifiedTime(blocks);
    Thread.sleep(20);

    ModelRegistry second = registry();
    second.load();
    assertThat(Files.getLastModifiedTime(lists)).as("not rewritten").isEqualTo(listsWritten);
    assertThat(Files.getLastModifiedTime(blocks)).as("not rewritten").isEqualTo(blocksWritten);
    Demand d = new Demand(10, 0, false);
    int[] session = {3, 1, 4};
    for (int p = 0; p < 400; p += 37) {
      assertThat(second.get(null).retrieval().related(p, d))
          .isEqualTo(first.get(null).retrieval().related(p, d));
    }
    assertThat(second.get(null).retrieval().next(session, d))
        .isEqualTo(first.get(null).retrieval().next(session, d));
  }
}
