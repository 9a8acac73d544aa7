package dev.aisle.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.BadInputException;
import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductDocumentsTest {
  @TempDir Path dir;

  private ModelFile.Loaded trained(Corpus corpus, Algorithm a, String... params) {
    Algorithm.Training t = a.prepare(Params.parse(List.of(params)));
    Recommender m = t.train(corpus, new TrainContext(1, 1, null, null));
    Path f = dir.resolve(a.label() + ".model");
    ModelFile.write(m, ModelFile.info(m, t, 1, 1, "c", corpus.eventCount()), f);
    return ModelFile.read(f);
  }

  @Test
  void a_hybrid_model_exports_its_item2vec_vectors_and_its_cooc_indicators() {
    Corpus corpus = TestShops.shop(dir.resolve("shop"), 80, 200, 1);
    ModelFile.Loaded hybrid = trained(corpus, Algorithm.HYBRID, "item2vec.epochs=2",
        "item2vec.dim=8");
    ProductDocuments docs = ProductDocuments.of(hybrid, null);
    assertThat(docs.dim()).isEqualTo(8);
    assertThat(docs.info().indicators()).isTrue();
    assertThat(docs.info().algorithm()).isEqualTo("hybrid");
    Map<String, Object> d = docs.document(0);
    float[] v = (float[]) d.get(ProductDocuments.VECTOR);
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
    assertThat(d).containsKeys(ProductDocuments.RELATED, ProductDocuments.VIEWS)
        .doesNotContainKey(ProductDocuments.CATEGORY);
    CoocModel cooc = (CoocModel) ((dev.aisle.model.hybrid.HybridModel) hybrid.model())
        .components().stream().filter(c -> c instanceof CoocModel).findFirst().orElseThrow();
    assertThat(((List<?>) d.get(ProductDocuments.RELATED))).hasSize(cooc.indicators(0).size());
    // the indicator field holds the products whose lists hold product 0
    List<String> by = new java.util.ArrayList<>();
    for (int a = 0; a < docs.size(); a++) {
      if (cooc.indicators(a).stream().anyMatch(s -> s.product() == 0)) {
        by.add(hybrid.model().products().id(a));
      }
    }
    List<Object> levels = new java.util.ArrayList<>();
    for (int j = 0; j < ProductDocuments.LEVELS; j++) {
      Object ids = d.get(ProductDocuments.indicatorField(j));
      if (ids != null) {
        levels.addAll((List<?>) ids);
      }
    }
    assertThat(levels).containsExactlyInAnyOrderElementsOf(by);
    assertThat(docs.info().levels()).hasSize(ProductDocuments.LEVELS).isSorted();
  }

  @Test
  void a_model_with_neither_vectors_nor_indicators_is_refused() {
    Corpus corpus = TestShops.shop(dir.resolve("shop"), 40, 100, 1);
    BadInputException e = assertThrows(BadInputException.class,
        () -> ProductDocuments.of(trained(corpus, Algorithm.POP), null));
    assertThat(e).hasMessageContaining("a pop model has neither product vectors")
        .hasMessageContaining("export a cooc, item2vec or hybrid model");
  }
}
