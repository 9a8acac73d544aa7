package dev.aisle.search.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.catalog.Catalog;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.eval.Evaluator;
import dev.aisle.eval.TestSessions;
import dev.aisle.eval.TimeSplit;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.model.TrainContext;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.search.EngineRecommender;
import dev.aisle.search.ExportOptions;
import dev.aisle.search.ExportedModels;
import dev.aisle.search.Filters;
import dev.aisle.search.Hit;
import dev.aisle.search.IndexInfo;
import dev.aisle.search.ProductDocuments;
import dev.aisle.search.SearchBackend;
import dev.aisle.search.SearchEngineException;
import dev.aisle.search.SearchUri;
import dev.aisle.search.engines.SearchEngines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports to and queries a real SolrCloud: two Solr nodes and ZooKeeper in this JVM
 * (MiniSolrCloudCluster), collections of two shards, so every query is distributed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrCollectionTest {
  @TempDir static Path dir;
  private MiniSolrCloudCluster cluster;
  private ExportedModels shop;
  private int port;
  private SolrCollection vectors;
  private SolrCollection indicators;

  @BeforeAll
  void start() throws Exception {
    shop = new ExportedModels(dir.resolve("shop"));
    cluster = new MiniSolrCloudCluster.Builder(2, dir.resolve("solr")).build();
    port = cluster.getJettySolrRunner(0).getLocalPort();
    ExportOptions twoShards = ExportOptions.DEFAULTS.withShards(2, 1);
    vectors = SolrCollection.connect(uri("vectors"));
    vectors.export(ProductDocuments.of(shop.item2vec, shop.catalog), twoShards, null);
    indicators = SolrCollection.connect(uri("indicators"));
    indicators.export(ProductDocuments.of(shop.cooc, shop.catalog), twoShards, null);
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  private SearchUri uri(String collection) {
    return SearchUri.parse("solr://127.0.0.1:" + port + "/" + collection);
  }

  private ProductIndex products() {
    return shop.corpus.products();
  }

  @Test
  void the_export_holds_one_document_per_product_and_describes_the_model() {
    assertThat(vectors.count()).isEqualTo(products().size() + 1L);
    IndexInfo info = vectors.info();
    assertThat(info.checksum()).isEqualTo(shop.item2vec.checksum());
    assertThat(info.algorithm()).isEqualTo("item2vec");
    assertThat(info.dim()).isEqualTo(16);
    assertThat(info.indicators()).isFalse();
    assertThat(info.provenance()).isEqualTo(shop.item2vec.info());
    assertThat(indicators.info().indicators()).isTrue();
    assertThat(indicators.info().dim()).isZero();
  }

  @Test
  void related_by_knn_finds_the_exact_cosine_neighbours() {
    int n = products().size();
    int found = 0;
    int asked = 0;
    for (int p = 0; p < n; p += 15) {
      float[] scores = new float[n];
      shop.item2vec.model().scoreRelated(p, scores);
      scores[p] = Float.NEGATIVE_INFINITY;
      Set<String> exact = new HashSet<>();
      for (ScoredItem s : TopK.select(scores, 10, null)) {
        exact.add(products().id(s.product()));
      }
      List<Hit> hits = vectors.related(products().id(p), 10, Filters.NONE);
      assertThat(hits).hasSize(10).extracting(Hit::id).doesNotContain(products().id(p));
      assertThat(hits).extracting(Hit::score).isSortedAccordingTo((a, b) -> Float.compare(b, a));
      for (Hit h : hits) {
        found += exact.contains(h.id()) ? 1 : 0;
      }
      asked += 10;
    }
    assertThat((double) found / asked).as("recall@10 of Solr's HNSW against brute force")
        .isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void related_without_vectors_is_the_products_own_indicator_list() {
    CoocModel cooc = (CoocModel) shop.cooc.model();
    int p = busiest();
    List<String> expected = new ArrayList<>();
    for (ScoredItem s : cooc.indicators(p)) {
      if (s.product() != p && expected.size() < 8) {
        expected.add(products().id(s.product()));
      }
    }
    List<Hit> hits = indicators.related(products().id(p), 8, Filters.NONE);
    assertThat(hits).extracting(Hit::id).containsExactlyElementsOf(expected);
    assertThat(hits.get(0).score()).isEqualTo(cooc.indicators(p).get(0).product() == p
        ? cooc.indicators(p).get(1).score() : cooc.indicators(p).get(0).score());
  }

  @Test
  void a_session_is_one_query_on_the_indicator_fields_ranked_as_the_model_ranks() {
    CoocModel cooc = (CoocModel) shop.cooc.model();
    int a = busiest();
    int b = cooc.indicators(a).get(0).product() == a ? cooc.indicators(a).get(1).product()
        : cooc.indicators(a).get(0).product();
    // what the model's own scoring reaches: the indicators of a and of b
    Set<String> expected = new HashSet<>();
    for (int q : new int[] {a, b}) {
      for (ScoredItem s : cooc.indicators(q)) {
        expected.add(shop.corpus.products().id(s.product()));
      }
    }
    List<Hit> hits = indicators.next(List.of(products().id(a), products().id(b)), 1000,
        Filters.NONE);
    assertThat(hits).extracting(Hit::id).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(hits).extracting(Hit::score).isSortedAccordingTo((x, y) -> Float.compare(y, x));
    // and ranked as the model ranks them, up to the rounding of scores to levels
    float[] scores = new float[products().size()];
    cooc.scoreNext(new int[] {a, b}, scores);
    Set<String> model = new HashSet<>();
    for (ScoredItem s : TopK.select(scores, 20, null)) {
      model.add(products().id(s.product()));
    }
    assertThat(hits.subList(0, 20).stream().filter(h -> model.contains(h.id())).count())
        .isGreaterThanOrEqualTo(15);
  }

  @Test
  void a_session_with_an_embedding_model_queries_the_weighted_sum_of_its_vectors() {
    List<String> session = List.of(products().id(3), products().id(4));
    List<Hit> hits = vectors.next(session, 10, Filters.NONE);
    assertThat(hits).hasSize(10);
    float[] scores = new float[products().size()];
    shop.item2vec.model().scoreNext(new int[] {3, 4}, scores);
    Set<String> exact = new HashSet<>();
    for (ScoredItem s : TopK.select(scores, 10, null)) {
      exact.add(products().id(s.product()));
    }
    assertThat(hits.stream().filter(h -> exact.contains(h.id())).count()).isGreaterThanOrEqualTo(9);
  }

  @Test
  void business_rules_filter_before_ranking() {
    Catalog cat = shop.catalog.catalog();
    String category = cat.category(0);
    String query = products().id(busiest());
    List<Hit> inCategory = vectors.related(query, 10, new Filters(Set.of(), category, false));
    assertThat(inCategory).hasSize(10); // filtered before the kNN search, not after
    for (Hit h : inCategory) {
      assertThat(cat.category(shop.catalog.ordinal(h.id()))).isEqualTo(category);
    }
    List<Hit> inStock = vectors.related(query, 50, new Filters(Set.of(), null, true));
    assertThat(inStock).hasSize(50);
    for (Hit h : inStock) {
      assertThat(cat.stock(shop.catalog.ordinal(h.id()))).isNotEqualTo(Catalog.Stock.OUT_OF_STOCK);
    }
    Set<String> top = new LinkedHashSet<>();
    vectors.related(query, 5, Filters.NONE).forEach(h -> top.add(h.id()));
    List<Hit> excluded = vectors.related(query, 5, new Filters(top, null, false));
    assertThat(excluded).hasSize(5).extracting(Hit::id).doesNotContainAnyElementsOf(top);
    List<Hit> session = indicators.next(List.of(query), 20, new Filters(top, category, true));
    for (Hit h : session) {
      int c = shop.catalog.ordinal(h.id());
      assertThat(top).doesNotContain(h.id());
      assertThat(cat.category(c)).isEqualTo(category);
      assertThat(cat.stock(c)).isNotEqualTo(Catalog.Stock.OUT_OF_STOCK);
    }
  }

  @Test
  void an_unknown_product_gets_nothing() {
    assertThat(vectors.related("no-such-product", 10, Filters.NONE)).isEmpty();
    assertThat(indicators.related("no-such-product", 10, Filters.NONE)).isEmpty();
    assertThat(indicators.next(List.of("no-such-product"), 10, Filters.NONE)).isEmpty();
    assertThat(vectors.next(List.of("no-such-product"), 10, Filters.NONE)).isEmpty();
  }

  @Test
  void ids_with_query_syntax_are_matched_literally() {
    // a quote or a bracket in an id must not break the queries
    assertThat(indicators.related("a\"b) OR *:*", 10, Filters.NONE)).isEmpty();
    assertThat(indicators.next(List.of("x\" OR id:*"), 10,
        new Filters(Set.of("a,b\"c"), "cat\"}", true))).isEmpty();
  }

  @Test
  void an_existing_collection_is_replaced_only_when_asked() {
    SolrCollection c = SolrCollection.connect(uri("replaced"));
    ExportOptions once = ExportOptions.DEFAULTS;
    c.export(ProductDocuments.of(shop.cooc, null), once, null);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> c.export(ProductDocuments.of(shop.item2vec, null), once, null));
    assertThat(e).hasMessageContaining("'replaced' already exists").hasMessageContaining("--replace");
    c.export(ProductDocuments.of(shop.item2vec, null), once.withReplace(true), null);
    assertThat(c.info().algorithm()).isEqualTo("item2vec");
    c.drop();
    assertThat(c.collections()).doesNotContain("replaced");
  }

  @Test
  void a_re_export_behind_an_alias_switches_models_in_one_step() {
    SolrCollection live = SolrCollection.connect(uri("live"));
    String first = live.exportBehindAlias(ProductDocuments.of(shop.cooc, null),
        ExportOptions.DEFAULTS, null);
    assertThat(live.aliases()).containsEntry("live", first);
    assertThat(live.info().algorithm()).isEqualTo("cooc");
    assertThat(live.related(products().id(busiest()), 3, Filters.NONE)).hasSize(3);
    String second = live.exportBehindAlias(ProductDocuments.of(shop.item2vec, null),
        ExportOptions.DEFAULTS, null);
    assertThat(second).isNotEqualTo(first).startsWith("live_");
    assertThat(live.info().algorithm()).isEqualTo("item2vec");
    assertThat(live.related(products().id(3), 5, Filters.NONE)).hasSize(5);
    assertThat(live.collections()).contains(second).doesNotContain(first);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> vectors.exportBehindAlias(ProductDocuments.of(shop.cooc, null),
            ExportOptions.DEFAULTS, null));
    assertThat(e).hasMessageContaining("'vectors' is a collection");
  }

  @Test
  void a_missing_collection_is_named_in_the_error() {
    SearchEngineException e = assertThrows(SearchEngineException.class,
        () -> SearchEngines.connect("solr://127.0.0.1:" + port + "/nothing").related("x", 5,
            Filters.NONE));
    assertThat(e).hasMessageContaining("nothing");
  }

  @Test
  void a_node_that_does_not_answer_is_skipped() {
    try (SearchBackend b = SearchEngines.connect("solr://127.0.0.1:1,127.0.0.1:" + port
        + "/vectors")) {
      for (int i = 0; i < 4; i++) {
        assertThat(b.related(products().id(i), 3, Filters.NONE)).hasSize(3);
      }
    }
  }

  @Test
  void the_indicator_query_recommends_held_out_sessions_about_as_well_as_the_model() {
    // train on all but the last 5 days, export, and measure both on the held-out sessions
    TimeSplit split = TimeSplit.lastDays(shop.corpus, 5);
    Algorithm.Training t = Algorithm.COOC.prepare(Params.parse(List.of("score=llr",
        "session-weighting=linear")));
    Recommender model = t.train(split.train(), new TrainContext(7, 1, null, null));
    Path file = dir.resolve("heldout.model");
    ModelFile.write(model, ModelFile.info(model, t, 7, 1, "split", 0), file);
    SolrCollection heldout = SolrCollection.connect(uri("heldout"));
    heldout.export(ProductDocuments.of(ModelFile.read(file), null),
        ExportOptions.DEFAULTS.withShards(2, 1), null);
    TestSessions all = TestSessions.of(model.products(), split.test());
    TestSessions test = new TestSessions(all.sessions().subList(0,
        Math.min(150, all.sessions().size())), 0, 0);
    int[] ks = {20};
    double embedded = Evaluator.evaluate(model, test, ks, null).metrics().get("HR@20");
    double solr = Evaluator.evaluate(new EngineRecommender(heldout, model.products(), 20), test,
        ks, null).metrics().get("HR@20");
    System.out.printf(Locale.ROOT, "HR@20 on %d held-out predictions: embedded cooc %.4f, "
        + "Solr indicator query %.4f%n", test.predictions(), embedded, solr);
    assertThat(embedded).as("the model itself learns something").isGreaterThan(0.05);
    assertThat(solr).as("the engine's sum of levelled LLR scores against the model's own")
        .isGreaterThan(embedded - 0.02);
    heldout.drop();
  }

  /** The product with the most indicators. */
  private int busiest() {
    CoocModel cooc = (CoocModel) shop.cooc.model();
    int best = 0;
    for (int p = 1; p < products().size(); p++) {
      if (cooc.indicators(p).size() > cooc.indicators(best).size()) {
        best = p;
      }
    }
    return best;
  }
}
