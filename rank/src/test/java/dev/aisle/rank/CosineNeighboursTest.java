package dev.aisle.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisle.BadInputException;
import dev.aisle.SharedData;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.format.BinaryWriter;
import dev.aisle.format.ChecksummedFile;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.model.Params;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.model.TrainContext;
import dev.aisle.model.VectorModel;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.session.CleaningOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neighbour lists of a real embedding (SVD of yoochoose-100k's train_tr, 2,873 products) against
 * a brute-force cosine over all products.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CosineNeighboursTest {
  /** Gemm and the model's dot product sum in different orders: near ties may swap. */
  private static final float TOLERANCE = 1e-5f;

  @TempDir Path dir;
  private Corpus corpus;
  private VectorModel svd;
  private CosineNeighbours lists;

  @BeforeAll
  void train() {
    corpus = CorpusBuilder.ingest(
        List.of(SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_tr.txt")),
        new IngestOptions(Preset.SESSION_REC.format(), null, Duration.ofMinutes(30), true),
        CleaningOptions.none(), null, null).corpus();
    svd = (VectorModel) Algorithm.SVD.prepare(Params.none())
        .train(corpus, new TrainContext(42, 2, null, null));
    lists = CosineNeighbours.compute(svd, 20, 2);
  }

  @Test
  void each_list_holds_the_nearest_products_by_cosine_best_first_without_the_product() {
    int n = svd.products().size();
    for (int p = 0; p < n; p += 7) {
      float[] cosines = new float[n];
      for (int q = 0; q < n; q++) {
        cosines[q] = q == p ? Float.NEGATIVE_INFINITY : svd.cosine(p, q);
      }
      float[] sorted = cosines.clone();
      Arrays.sort(sorted);
      float twentieth = sorted[n - 20];
      float twentyFirst = sorted[n - 21];
      Set<Integer> seen = new HashSet<>();
      float previous = Float.POSITIVE_INFINITY;
      for (int i = 0; i < 20; i++) {
        int q = lists.neighbour(p, i);
        assertThat(q).as("product %d, neighbour %d", p, i).isBetween(0, n - 1).isNotEqualTo(p);
        assertThat(seen.add(q)).as("product %d lists %d twice", p, q).isTrue();
        assertThat(cosines[q]).as("product %d, neighbour %d: best first", p, i)
            .isLessThanOrEqualTo(previous + TOLERANCE)
            .isGreaterThanOrEqualTo(twentieth - TOLERANCE);
        previous = cosines[q];
      }
      assertThat(previous).as("nothing left out is nearer than the last listed")
          .isGreaterThanOrEqualTo(twentyFirst - TOLERANCE);
    }
  }

  @Test
  void a_one_product_sessions_candidates_from_the_lists_are_the_models_own_top() {
    CandidateSource pooled = CandidateSource.of(svd, lists);
    float[] all = new float[svd.products().size()];
    for (int p = 0; p < all.length; p += 13) {
      int[] session = {p};
      svd.scoreNext(session, all);
      int[] latest = RankFeatures.anchors(session, CandidateSource.POOL_ANCHORS);
      assertThat(pooled.answer(session, latest, 20, pooled.buffers(all.length)).top())
          .as("product %d", p)
          .isEqualTo(TopK.select(all, 20, null));
    }
  }

  @Test
  void longer_sessions_find_most_of_the_models_own_top_among_their_last_products_neighbours() {
    CandidateSource pooled = CandidateSource.of(svd, lists);
    float[] all = new float[svd.products().size()];
    long found = 0;
    long wanted = 0;
    for (int s = 0; s < corpus.sessionCount(); s += 5) {
      int[] items = corpus.sessionItems(s);
      for (int length = 2; length <= items.length; length++) {
        int[] session = Arrays.copyOf(items, length);
        svd.scoreNext(session, all);
        Set<ScoredItem> full = new HashSet<>(TopK.select(all, 20, null));
        int[] latest = RankFeatures.anchors(session, CandidateSource.POOL_ANCHORS);
        found += pooled.answer(session, latest, 20, pooled.buffers(all.length)).top().stream()
            .filter(full::contains).count();
        wanted += full.size();
      }
    }
    assertThat((double) found / wanted).as("recall of the model's top 20: %d of %d", found,
        wanted).isGreaterThan(0.95); // 98.5% when written
  }

  @Test
  void lists_are_shorter_than_asked_when_the_catalog_is_smaller() {
    Corpus tiny = dev.aisle.TestShops.ofSessions(dir, "a b c", "b c", "c a");
    VectorModel small = (VectorModel) Algorithm.SVD.prepare(new Params(java.util.Map.of("dim", "2")))
        .train(tiny, new TrainContext(42, 1, null, null));
    CosineNeighbours few = CosineNeighbours.compute(small, 5, 1);
    for (int p = 0; p < 3; p++) {
      assertThat(few.neighbour(p, 0)).isNotEqualTo(p).isNotNegative();
      assertThat(few.neighbour(p, 1)).isNotEqualTo(p).isNotNegative();
      assertThat(few.neighbour(p, 2)).as("only two other products").isEqualTo(-1);
    }
  }

  @Test
  void reads_back_what_it_wrote_and_refuses_another_vocabulary() {
    BinaryWriter out = new BinaryWriter(1 << 16);
    lists.write(out);
    Path file = dir.resolve("neighbours.bin");
    ChecksummedFile.write(file, "AISLENBR", 1, out);
    int n = svd.products().size();
    CosineNeighbours back =
        CosineNeighbours.read(ChecksummedFile.read(file, "AISLENBR", 1, "lists").body(), n);
    assertThat(back.length()).isEqualTo(20);
    for (int p = 0; p < n; p++) {
      for (int i = 0; i < 20; i++) {
        assertThat(back.neighbour(p, i)).isEqualTo(lists.neighbour(p, i));
      }
    }
    assertThatThrownBy(() -> CosineNeighbours.read(
        ChecksummedFile.read(file, "AISLENBR", 1, "lists").body(), n + 1))
        .isInstanceOf(BadInputException.class).hasMessageContaining("neighbours.bin");
  }
}
