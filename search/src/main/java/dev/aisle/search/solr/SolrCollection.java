package dev.aisle.search.solr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisle.search.EngineClient;
import dev.aisle.search.ExportOptions;
import dev.aisle.search.Filters;
import dev.aisle.search.Hit;
import dev.aisle.search.IndexInfo;
import dev.aisle.search.ProductDocuments;
import dev.aisle.search.SearchIndex;
import dev.aisle.search.SearchUri;
import dev.aisle.search.SessionTerms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A model in a SolrCloud collection: export, then query.
 *
 * <pre>
 * SearchUri uri = SearchUri.parse("solr://localhost:8983/aisle");
 * try (SolrCollection c = SolrCollection.connect(uri)) {
 *   c.export(ProductDocuments.of(ModelFile.read(model), catalog), ExportOptions.DEFAULTS, null);
 *   List&lt;Hit&gt; related = c.related("P000001", 10, Filters.NONE);
 * }
 * </pre>
 *
 * <p>The export uploads Aisle's configset ({@code aisle-COLLECTION}: a schema with the
 * product fields and, for a model with vectors, a {@code DenseVectorField} with cosine
 * similarity and an HNSW graph), creates the collection over the cluster's nodes and indexes one
 * document per product. Queries use Solr's JSON request API: {@code {!knn f=vector topK=k}} for
 * related products, {@code indicators:("a" "b" ...)} for sessions, each business rule as a
 * filter query (kNN pre-filters with them). A product's vector and indicators are read with
 * real-time get ({@code /get}), which SolrCloud routes to the product's shard.
 *
 * <p>Thread-safe.
 */
public final class SolrCollection implements SearchIndex {
  private static final int BATCH = 500;
  private static final Duration INFO_TTL = Duration.ofSeconds(10);

  private final EngineClient client;
  private final String name;
  private volatile IndexInfo cachedInfo;
  private volatile long cachedAt;

  private SolrCollection(EngineClient client) {
    this(client, client.uri().name());
  }

  private SolrCollection(EngineClient client, String name) {
    this.client = client;
    this.name = name;
  }

  /** A collection of the cluster {@code uri} names; nothing is sent yet. */
  public static SolrCollection connect(SearchUri uri) {
    if (uri.engine() != SearchUri.Engine.SOLR) {
      throw new IllegalArgumentException(uri + " is not a solr:// URI");
    }
    return new SolrCollection(new EngineClient(uri, Duration.ofSeconds(60)));
  }

  @Override
  public SearchUri uri() {
    return client.uri();
  }

  // ---- export

  /**
   * Creates the collection and indexes every product of {@code docs}, then commits.
   *
   * @param progress told the number of products indexed so far, or null
   * @throws IllegalStateException when the collection exists and {@code options.replace()} is
   *     false
   */
  @Override
  public void export(ProductDocuments docs, ExportOptions options, IntConsumer progress) {
    boolean exists = collections().contains(name);
    if (exists && !options.replace()) {
      throw new IllegalStateException(uri() + ": collection '" + name + "' already exists; "
          + "pass --replace to drop and re-create it");
    }
    if (exists) {
      admin("collections", "DELETE", Map.of("name", name));
    }
    String config = "aisle-" + name;
    client.send("POST", "/admin/configs?action=UPLOAD&overwrite=true&cleanup=true&name="
        + enc(config), configSet(docs.dim(), options), "application/octet-stream");
    Map<String, String> create = new LinkedHashMap<>();
    create.put("name", name);
    create.put("numShards", Integer.toString(options.shards()));
    create.put("replicationFactor", Integer.toString(options.replicas()));
    create.put("collection.configName", config);
    create.put("waitForFinalState", "true");
    admin("collections", "CREATE", create);
    List<Map<String, Object>> batch = new ArrayList<>(BATCH);
    for (int p = 0; p < docs.size(); p++) {
      batch.add(docs.document(p));
      if (batch.size() == BATCH) {
        client.post("/" + name + "/update", batch);
        batch.clear();
        if (progress != null) {
          progress.accept(p + 1);
        }
      }
    }
    batch.add(docs.modelDocument());
    client.post("/" + name + "/update", batch);
    client.post("/" + name + "/update?commit=true&waitSearcher=true", Map.of("commit",
        Map.of()));
    if (progress != null) {
      progress.accept(docs.size());
    }
    checkCount(docs);
    cachedInfo = null;
  }

  @Override
  public SolrCollection named(String other) {
    return new SolrCollection(client, other);
  }

  @Override
  public String kind() {
    return "a collection";
  }

  @Override
  public boolean holdsDocuments() {
    return collections().contains(name);
  }

  @Override
  public List<String> aliasTargets() {
    String target = aliases().get(name);
    return target == null ? List.of() : List.of(target);
  }

  /** {@code CREATEALIAS} replaces what an alias points to in one step. */
  @Override
  public void moveAlias(String target, List<String> previous) {
    admin("collections", "CREATEALIAS", Map.of("name", name, "collections", target));
    cachedInfo = null;
  }

  /** Alias name to the collection(s) it points to. */
  public Map<String, String> aliases() {
    Map<String, String> out = new LinkedHashMap<>();
    admin("collections", "LISTALIASES", Map.of()).path("aliases").fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** The configset as a zip: solrconfig.xml and schema.xml with the vector field of {@code dim}. */
  static byte[] configSet(int dim, ExportOptions options) {
    String schema = resource("schema.xml");
    if (dim > 0) {
      schema = schema.replace("<!-- VECTOR_TYPE -->", String.format(Locale.ROOT,
          "<fieldType name=\"knn_vector\" class=\"solr.DenseVectorField\" "
              + "vectorDimension=\"%d\" similarityFunction=\"cosine\" knnAlgorithm=\"hnsw\" "
              + "hnswMaxConnections=\"%d\" hnswBeamWidth=\"%d\"/>",
          dim, options.m(), options.efConstruction()))
          .replace("<!-- VECTOR_FIELD -->",
              "<field name=\"vector\" type=\"knn_vector\" indexed=\"true\" stored=\"true\"/>");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("solrconfig.xml"));
      zip.write(resource("solrconfig.xml").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("schema.xml"));
      zip.write(schema.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String resource(String file) {
    try (InputStream in = SolrCollection.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The collections of the cluster. */
  public List<String> collections() {
    List<String> out = new ArrayList<>();
    admin("collections", "LIST", Map.of()).path("collections").forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Drops the collection (and its configset). */
  @Override
  public void drop() {
    admin("collections", "DELETE", Map.of("name", name));
    client.send("POST", "/admin/configs?action=DELETE&name=" + enc("aisle-" + name), null, null);
  }

  @Override
  public long count() {
    return client.get("/" + name + "/select?q=*:*&rows=0").path("response").path("numFound")
        .asLong();
  }

  private JsonNode admin(String api, String action, Map<String, String> params) {
    StringBuilder path = new StringBuilder("/admin/").append(api).append("?action=")
        .append(action);
    params.forEach((k, v) -> path.append('&').append(k).append('=').append(enc(v)));
    return client.get(path.toString());
  }

  // ---- queries

  @Override
  public IndexInfo info() {
    JsonNode doc = realTimeGet(List.of(IndexInfo.DOC_ID), ProductDocuments.MODEL)
        .get(IndexInfo.DOC_ID);
    IndexInfo info = IndexInfo.fromDoc(doc, ProductDocuments.MODEL, uri().toString());
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
    JsonNode doc = realTimeGet(List.of(productId), ProductDocuments.VECTOR + ","
        + ProductDocuments.RELATED + "," + ProductDocuments.RELATED_SCORES).get(productId);
    if (doc == null) {
      return List.of();
    }
    List<String> fq = filterQueries(filters);
    fq.add("-id:" + quote(productId));
    if (doc.has(ProductDocuments.VECTOR)) {
      return knn(floats(doc.get(ProductDocuments.VECTOR)), k, fq);
    }
    return indicatorLookup(doc, k, fq);
  }

  @Override
  public List<Hit> next(List<String> session, int k, Filters filters) {
    if (session.isEmpty()) {
      return List.of();
    }
    List<String> fq = filterQueries(filters);
    IndexInfo info = cachedInfo();
    double[] weights = info.sessionWeights(session.size());
    if (info.indicators()) {
      // indicators_j:"a"^=c for every session product a and level j, c = a's weight x the
      // level's score: a product's score is the sum over the session of its indicator scores
      StringBuilder q = new StringBuilder();
      for (SessionTerms.Term t : SessionTerms.of(info, session)) {
        for (int j = 0; j < info.levels().length; j++) {
          double c = t.weight() * info.levels()[j];
          if (c >= 1e-6) {
            q.append(q.length() == 0 ? "" : " ").append(ProductDocuments.indicatorField(j))
                .append(':').append(quote(t.product())).append("^=")
                .append(String.format(Locale.ROOT, "%.6f", c));
          }
        }
      }
      return q.length() == 0 ? List.of() : search(q.toString(), k, fq, Map.of("q.op", "OR"));
    }
    Map<String, JsonNode> docs = realTimeGet(session, ProductDocuments.VECTOR);
    float[] sum = null;
    for (int s = 0; s < session.size(); s++) {
      JsonNode d = docs.get(session.get(s));
      if (d == null || !d.has(ProductDocuments.VECTOR) || weights[s] == 0) {
        continue;
      }
      float[] v = floats(d.get(ProductDocuments.VECTOR));
      if (sum == null) {
        sum = new float[v.length];
      }
      for (int i = 0; i < v.length; i++) {
        sum[i] += (float) weights[s] * v[i];
      }
    }
    return sum == null ? List.of() : knn(sum, k, fq);
  }

  private List<Hit> knn(float[] vector, int k, List<String> fq) {
    StringBuilder q = new StringBuilder("{!knn f=").append(ProductDocuments.VECTOR)
        .append(" topK=").append(k).append("}[");
    for (int i = 0; i < vector.length; i++) {
      q.append(i == 0 ? "" : ",").append(vector[i]);
    }
    return search(q.append(']').toString(), k, fq, Map.of());
  }

  /** The product's stored indicators, best first, keeping those the filters let through. */
  private List<Hit> indicatorLookup(JsonNode doc, int k, List<String> fq) {
    JsonNode ids = doc.path(ProductDocuments.RELATED);
    JsonNode scores = doc.path(ProductDocuments.RELATED_SCORES);
    if (ids.size() == 0) {
      return List.of();
    }
    StringBuilder q = new StringBuilder("id:(");
    for (int i = 0; i < ids.size(); i++) {
      q.append(i == 0 ? "" : " ").append(quote(ids.get(i).asText()));
    }
    q.append(')');
    java.util.Set<String> allowed = new java.util.HashSet<>();
    for (Hit h : search(q.toString(), ids.size(), fq, Map.of("q.op", "OR"))) {
      allowed.add(h.id());
    }
    List<Hit> out = new ArrayList<>();
    for (int i = 0; i < ids.size() && out.size() < k; i++) {
      String id = ids.get(i).asText();
      if (allowed.contains(id)) {
        out.add(new Hit(id, (float) scores.path(i).asDouble()));
      }
    }
    return out;
  }

  private List<Hit> search(String query, int k, List<String> fq, Map<String, String> params) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    if (!fq.isEmpty()) {
      body.put("filter", fq);
    }
    body.put("limit", k);
    body.put("fields", "id,score");
    Map<String, Object> p = new HashMap<>(params);
    p.put("wt", "json");
    body.put("params", p);
    JsonNode docs = client.post("/" + name + "/select", body).path("response").path("docs");
    List<Hit> out = new ArrayList<>(docs.size());
    for (JsonNode d : docs) {
      out.add(new Hit(d.get("id").asText(), (float) d.path("score").asDouble()));
    }
    return out;
  }

  /** Business rules as Solr filter queries. */
  static List<String> filterQueries(Filters f) {
    List<String> fq = new ArrayList<>();
    if (!f.exclude().isEmpty()) {
      // the terms parser has no boolean-clause limit; \u001f never occurs in a product id
      fq.add("-{!terms f=id separator=\"\u001f\"}" + String.join("\u001f", f.exclude()));
    }
    if (f.category() != null) {
      fq.add("{!term f=" + ProductDocuments.CATEGORY + "}" + f.category());
    }
    if (f.inStockOnly()) {
      fq.add("-" + ProductDocuments.IN_STOCK + ":false"); // unknown stock stays, as embedded
    }
    return fq;
  }

  /** Documents by id via real-time get (routed to each id's shard); missing ids are absent. */
  private Map<String, JsonNode> realTimeGet(List<String> ids, String fields) {
    StringBuilder path = new StringBuilder("/").append(name).append("/get?fl=id,").append(fields);
    for (String id : ids) {
      path.append("&id=").append(enc(id));
    }
    JsonNode r = client.get(path.toString());
    Map<String, JsonNode> out = new HashMap<>();
    if (r.has("doc")) {
      if (r.get("doc").isObject()) {
        out.put(r.get("doc").path("id").asText(), r.get("doc"));
      }
    } else {
      for (JsonNode d : r.path("response").path("docs")) {
        out.put(d.path("id").asText(), d);
      }
    }
    return out;
  }

  private static float[] floats(JsonNode array) {
    float[] v = new float[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) array.get(i).asDouble();
    }
    return v;
  }

  /** A term quoted for the standard query parser. */
  static String quote(String term) {
    return '"' + term.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    // java.net.http.HttpClient on Java 17 has no close; its threads are daemons
  }
}
