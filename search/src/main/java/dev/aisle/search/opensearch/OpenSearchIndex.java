package dev.aisle.search.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisle.search.EngineClient;
import dev.aisle.search.ExportOptions;
import dev.aisle.search.Filters;
import dev.aisle.search.Hit;
import dev.aisle.search.IndexInfo;
import dev.aisle.search.ProductDocuments;
import dev.aisle.search.SearchEngineException;
import dev.aisle.search.SearchIndex;
import dev.aisle.search.SearchUri;
import dev.aisle.search.SessionTerms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * A model in an OpenSearch or Elasticsearch index: export, then query.
 *
 * <pre>
 * try (OpenSearchIndex index = OpenSearchIndex.connect(SearchUri.parse("opensearch://localhost:9200/shop"))) {
 *   index.export(ProductDocuments.of(ModelFile.read(model), catalog), ExportOptions.DEFAULTS, null);
 *   List&lt;Hit&gt; next = index.next(List.of("P000001", "P000042"), 10, Filters.NONE);
 * }
 * </pre>
 *
 * <p>The two engines share everything but the vector: OpenSearch maps it as {@code knn_vector}
 * (the k-NN plugin, Lucene engine, {@code cosinesimil}) and queries it with a {@code knn} query
 * whose {@code filter} pre-filters the HNSW search; Elasticsearch maps it as {@code
 * dense_vector} ({@code similarity: cosine}) and queries it with the top-level {@code knn}
 * search option and its {@code filter}. Business rules are {@code bool} filters; a session is a
 * {@code bool} of {@code constant_score} term queries on the indicator fields, one per session
 * product and strength level, boosted by the product's weight times the level's score.
 *
 * <p>Thread-safe.
 */
public final class OpenSearchIndex implements SearchIndex {
  private static final int BATCH = 500;
  private static final Duration INFO_TTL = Duration.ofSeconds(10);

  private final EngineClient client;
  private final String name;
  private final boolean elastic;
  private volatile IndexInfo cachedInfo;
  private volatile long cachedAt;

  private OpenSearchIndex(EngineClient client) {
    this(client, client.uri().name());
  }

  private OpenSearchIndex(EngineClient client, String name) {
    this.client = client;
    this.name = name;
    this.elastic = client.uri().engine() == SearchUri.Engine.ELASTICSEARCH;
  }

  /** An index of the cluster {@code uri} names; nothing is sent yet. */
  public static OpenSearchIndex connect(SearchUri uri) {
    if (uri.engine() == SearchUri.Engine.SOLR) {
      throw new IllegalArgumentException(uri + " is a Solr URI; use opensearch:// or "
          + "elasticsearch://");
    }
    return new OpenSearchIndex(new EngineClient(uri, Duration.ofSeconds(60)));
  }

  @Override
  public SearchUri uri() {
    return client.uri();
  }

  // ---- export

  /**
   * The index settings and mapping for {@code docs} in {@code engine}'s dialect: what {@code PUT
   * /INDEX} takes.
   */
  public static Map<String, Object> mapping(SearchUri.Engine engine, int dim,
      ExportOptions options) {
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("number_of_shards", options.shards());
    index.put("number_of_replicas", options.replicas() - 1);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(ProductDocuments.ID, Map.of("type", "keyword"));
    if (dim > 0) {
      if (engine == SearchUri.Engine.ELASTICSEARCH) {
        props.put(ProductDocuments.VECTOR, Map.of("type", "dense_vector", "dims", dim,
            "index", true, "similarity", "cosine", "index_options", Map.of("type", "hnsw", "m",
                options.m(), "ef_construction", options.efConstruction())));
      } else {
        index.put("knn", true);
        props.put(ProductDocuments.VECTOR, Map.of("type", "knn_vector", "dimension", dim,
            "method", Map.of("name", "hnsw", "space_type", "cosinesimil", "engine", "lucene",
                "parameters", Map.of("m", options.m(), "ef_construction",
                    options.efConstruction()))));
      }
    }
    props.put(ProductDocuments.RELATED, Map.of("type", "keyword", "index", false, "doc_values",
        false));
    props.put(ProductDocuments.RELATED_SCORES, Map.of("type", "float", "index", false,
        "doc_values", false));
    for (int j = 0; j < ProductDocuments.LEVELS; j++) {
      props.put(ProductDocuments.indicatorField(j), Map.of("type", "keyword", "norms", false));
    }
    props.put(ProductDocuments.VIEWS, Map.of("type", "integer"));
    props.put(ProductDocuments.NAME, Map.of("type", "keyword", "index", false, "doc_values",
        false));
    props.put(ProductDocuments.CATEGORY, Map.of("type", "keyword"));
    props.put(ProductDocuments.PRICE, Map.of("type", "float"));
    props.put(ProductDocuments.IN_STOCK, Map.of("type", "boolean"));
    props.put(ProductDocuments.MODEL, Map.of("type", "object", "enabled", false));
    Map<String, Object> mappings = new LinkedHashMap<>();
    mappings.put("dynamic", "strict");
    mappings.put("properties", props);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("settings", Map.of("index", index));
    out.put("mappings", mappings);
    return out;
  }

  /**
   * Writes the bulk NDJSON of every product (and the model document) for {@code POST _bulk}
   * into {@code index}.
   */
  public static void writeBulk(ProductDocuments docs, String index, OutputStream out) {
    try {
      for (int p = 0; p < docs.size(); p++) {
        writeAction(docs.document(p), index, out);
      }
      writeAction(modelDocument(docs), index, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model document with its info as a JSON object (the field is not indexed). */
  private static Map<String, Object> modelDocument(ProductDocuments docs) {
    Map<String, Object> d = new LinkedHashMap<>(docs.modelDocument());
    d.put(ProductDocuments.MODEL, EngineClient.JSON.convertValue(docs.info(), Map.class));
    return d;
  }

  private static void writeAction(Map<String, Object> doc, String index, OutputStream out)
      throws IOException {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("_index", index);
    meta.put("_id", doc.get(ProductDocuments.ID));
    out.write(EngineClient.JSON.writeValueAsBytes(Map.of("index", meta)));
    out.write('\n');
    out.write(EngineClient.JSON.writeValueAsBytes(doc));
    out.write('\n');
  }

  /**
   * Creates the index with its mapping and bulk-loads every product, then refreshes.
   *
   * @param progress told the number of products indexed so far, or null
   * @throws IllegalStateException when the index exists and {@code options.replace()} is false
   */
  @Override
  public void export(ProductDocuments docs, ExportOptions options, IntConsumer progress) {
    boolean exists = client.status("HEAD", "/" + name) == 200;
    if (exists && !options.replace()) {
      throw new IllegalStateException(uri() + ": index '" + name + "' already exists; pass "
          + "--replace to drop and re-create it");
    }
    if (exists) {
      client.send("DELETE", "/" + name, null, null);
    }
    try {
      client.send("PUT", "/" + name, EngineClient.encode(mapping(uri().engine(), docs.dim(),
          options)), "application/json");
    } catch (SearchEngineException e) {
      if (docs.dim() > 0 && (e.getMessage().contains("knn_vector")
          || e.getMessage().contains("[index.knn]"))) {
        throw new SearchEngineException(e.status(), e.getMessage() + "; the cluster has no "
            + "k-NN plugin (opensearch-knn), which vectors need: install it, or export a "
            + "model without vectors (cooc)", e);
      }
      throw e;
    }
    ByteArrayOutputStream batch = new ByteArrayOutputStream(1 << 20);
    try {
      for (int p = 0; p < docs.size(); p++) {
        writeAction(docs.document(p), name, batch);
        if ((p + 1) % BATCH == 0) {
          bulk(batch);
          if (progress != null) {
            progress.accept(p + 1);
          }
        }
      }
      writeAction(modelDocument(docs), name, batch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bulk(batch);
    client.post("/" + name + "/_refresh", Map.of());
    if (progress != null) {
      progress.accept(docs.size());
    }
    checkCount(docs);
    cachedInfo = null;
  }

  @Override
  public OpenSearchIndex named(String other) {
    return new OpenSearchIndex(client, other);
  }

  @Override
  public String kind() {
    return "an index";
  }

  @Override
  public boolean holdsDocuments() {
    return !isAlias() && exists();
  }

  @Override
  public List<String> aliasTargets() {
    List<String> targets = new ArrayList<>();
    if (isAlias()) {
      client.get("/_alias/" + name).fieldNames().forEachRemaining(targets::add);
    }
    return targets;
  }

  private boolean isAlias() {
    return client.status("HEAD", "/_alias/" + name) == 200;
  }

  /** One {@code _aliases} request removes the alias from the old indexes and adds it to the new. */
  @Override
  public void moveAlias(String target, List<String> previous) {
    List<Object> actions = new ArrayList<>();
    for (String old : previous) {
      if (!old.equals(target)) {
        actions.add(Map.of("remove", Map.of("index", old, "alias", name)));
      }
    }
    actions.add(Map.of("add", Map.of("index", target, "alias", name)));
    client.post("/_aliases", Map.of("actions", actions));
    cachedInfo = null;
  }

  /** Sends one bulk request of NDJSON lines; fails on the first document the engine refused. */
  public void bulk(ByteArrayOutputStream ndjson) {
    if (ndjson.size() == 0) {
      return;
    }
    JsonNode r = client.send("POST", "/_bulk", ndjson.toByteArray(), "application/x-ndjson");
    ndjson.reset();
    if (r.path("errors").asBoolean()) {
      for (JsonNode item : r.path("items")) {
        JsonNode result = item.path("index");
        if (result.has("error")) {
          throw new SearchEngineException(result.path("status").asInt(), uri() + ": document '"
              + result.path("_id").asText() + "' was refused: "
              + result.path("error").path("type").asText() + ": "
              + result.path("error").path("reason").asText());
        }
      }
    }
  }

  /** Sends a bulk NDJSON file (as {@link #writeBulk} writes) to the cluster. */
  public void bulk(Path file) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write(java.nio.file.Files.readAllBytes(file));
      bulk(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long count() {
    return client.get("/" + name + "/_count").path("count").asLong();
  }

  /** Drops the index. */
  @Override
  public void drop() {
    client.send("DELETE", "/" + name, null, null);
  }

  /** Whether the index exists. */
  public boolean exists() {
    return client.status("HEAD", "/" + name) == 200;
  }

  // ---- queries

  @Override
  public IndexInfo info() {
    JsonNode doc = get(IndexInfo.DOC_ID, ProductDocuments.MODEL);
    JsonNode model = doc == null ? null : doc.get(ProductDocuments.MODEL);
    if (model == null || !model.isObject()) {
      throw new SearchEngineException(404, uri() + " holds no Aisle model (no document "
          + IndexInfo.DOC_ID + "); export one with 'aisle index --model FILE --to " + uri()
          + "'");
    }
    IndexInfo info = IndexInfo.fromJson(model.toString(), uri().toString());
    cachedInfo = info;
    cachedAt = System.nanoTime();
    return info;
  }

  private IndexInfo cachedInfo() {
    IndexInfo i = cachedInfo;
    if (i == null || System.nanoTime() - cachedAt > INFO_TTL.toNanos()) {
      i = info();
    }
    return i;
  }

  @Override
  public List<Hit> related(String productId, int k, Filters filters) {
    JsonNode doc = get(productId, ProductDocuments.VECTOR + "," + ProductDocuments.RELATED
        + "," + ProductDocuments.RELATED_SCORES);
    if (doc == null) {
      return List.of();
    }
    Map<String, Object> filter = filter(filters, productId);
    if (doc.has(ProductDocuments.VECTOR)) {
      return search(knn(floats(doc.get(ProductDocuments.VECTOR)), k, filter));
    }
    JsonNode ids = doc.path(ProductDocuments.RELATED);
    JsonNode scores = doc.path(ProductDocuments.RELATED_SCORES);
    if (ids.size() == 0) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    ids.forEach(i -> values.add(i.asText()));
    Map<String, Object> bool = new LinkedHashMap<>(bool(filter));
    List<Object> must = new ArrayList<>();
    must.add(Map.of("ids", Map.of("values", values)));
    bool.put("filter", concat(must, bool.get("filter")));
    Set<String> allowed = new HashSet<>();
    for (Hit h : search(query(Map.of("bool", bool), values.size()))) {
      allowed.add(h.id());
    }
    List<Hit> out = new ArrayList<>();
    for (int i = 0; i < ids.size() && out.size() < k; i++) {
      if (allowed.contains(ids.get(i).asText())) {
        out.add(new Hit(ids.get(i).asText(), (float) scores.path(i).asDouble()));
      }
    }
    return out;
  }

  @Override
  public List<Hit> next(List<String> session, int k, Filters filters) {
    if (session.isEmpty()) {
      return List.of();
    }
    IndexInfo info = cachedInfo();
    double[] weights = info.sessionWeights(session.size());
    Map<String, Object> filter = filter(filters, null);
    if (info.indicators()) {
      // a constant_score term per session product and level, boosted by the product's weight
      // x the level's score: the engine sums what the model's next-product scoring sums
      List<Object> should = new ArrayList<>();
      for (SessionTerms.Term t : SessionTerms.of(info, session)) {
        for (int j = 0; j < info.levels().length; j++) {
          double c = t.weight() * info.levels()[j];
          if (c >= 1e-6) {
            should.add(Map.of("constant_score", Map.of("filter", Map.of("term",
                Map.of(ProductDocuments.indicatorField(j), t.product())), "boost", (float) c)));
          }
        }
      }
      if (should.isEmpty()) {
        return List.of();
      }
      Map<String, Object> bool = new LinkedHashMap<>(bool(filter));
      bool.put("should", should);
      bool.put("minimum_should_match", 1);
      return search(query(Map.of("bool", bool), k));
    }
    Map<String, Object> body = Map.of("docs", session.stream().map(id -> Map.of("_id", id,
        "_source", List.of(ProductDocuments.VECTOR))).toList());
    JsonNode docs = client.post("/" + name + "/_mget", body).path("docs");
    float[] sum = null;
    for (int s = 0; s < docs.size(); s++) {
      JsonNode v = docs.get(s).path("_source").get(ProductDocuments.VECTOR);
      if (v == null || weights[s] == 0) {
        continue;
      }
      float[] x = floats(v);
      if (sum == null) {
        sum = new float[x.length];
      }
      for (int i = 0; i < x.length; i++) {
        sum[i] += (float) weights[s] * x[i];
      }
    }
    return sum == null ? List.of() : search(knn(sum, k, filter));
  }

  /** The request body of a kNN search for {@code vector}, pre-filtered by {@code filter}. */
  Map<String, Object> knn(float[] vector, int k, Map<String, Object> filter) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("size", k);
    body.put("_source", false);
    if (elastic) {
      Map<String, Object> knn = new LinkedHashMap<>();
      knn.put("field", ProductDocuments.VECTOR);
      knn.put("query_vector", vector);
      knn.put("k", k);
      knn.put("num_candidates", Math.max(100, 2 * k));
      knn.put("filter", filter);
      body.put("knn", knn);
    } else {
      Map<String, Object> field = new LinkedHashMap<>();
      field.put("vector", vector);
      field.put("k", k);
      field.put("filter", filter);
      body.put("query", Map.of("knn", Map.of(ProductDocuments.VECTOR, field)));
    }
    return body;
  }

  private static Map<String, Object> query(Map<String, Object> query, int k) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("size", k);
    body.put("_source", false);
    body.put("query", query);
    return body;
  }

  /**
   * Business rules as one filter: {@code {"bool": {"filter": [category], "must_not": [ids,
   * in_stock: false]}}}.
   */
  static Map<String, Object> filter(Filters f, String self) {
    List<Object> must = new ArrayList<>();
    List<Object> mustNot = new ArrayList<>();
    List<String> exclude = new ArrayList<>(f.exclude());
    if (self != null) {
      exclude.add(self);
    }
    if (!exclude.isEmpty()) {
      mustNot.add(Map.of("ids", Map.of("values", exclude)));
    }
    if (f.category() != null) {
      must.add(Map.of("term", Map.of(ProductDocuments.CATEGORY, f.category())));
    }
    if (f.inStockOnly()) {
      mustNot.add(Map.of("term", Map.of(ProductDocuments.IN_STOCK, false)));
    }
    Map<String, Object> bool = new LinkedHashMap<>();
    bool.put("filter", must);
    bool.put("must_not", mustNot);
    return Map.of("bool", bool);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> bool(Map<String, Object> filter) {
    return (Map<String, Object>) filter.get("bool");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> concat(List<Object> a, Object b) {
    List<Object> out = new ArrayList<>(a);
    out.addAll((List<Object>) b);
    return out;
  }

  private List<Hit> search(Map<String, Object> body) {
    JsonNode hits = client.post("/" + name + "/_search", body).path("hits").path("hits");
    List<Hit> out = new ArrayList<>(hits.size());
    for (JsonNode h : hits) {
      out.add(new Hit(h.get("_id").asText(), (float) h.path("_score").asDouble()));
    }
    return out;
  }

  /** A document's source fields, or null when it does not exist. */
  private JsonNode get(String id, String fields) {
    String path = "/" + name + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
        .replace("+", "%20") + "?_source_includes=" + fields;
    JsonNode r = client.getFound(path);
    return r.path("found").asBoolean() ? r.path("_source") : null;
  }

  private static float[] floats(JsonNode array) {
    float[] v = new float[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) array.get(i).asDouble();
    }
    return v;
  }

  @Override
  public void close() {
    // java.net.http.HttpClient on Java 17 has no close; its threads are daemons
  }
}
