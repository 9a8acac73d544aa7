package dev.aisle.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aisle.catalog.CatalogReader;
import dev.aisle.format.AtomicOutput;
import dev.aisle.ingest.LineSource;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.search.EngineClient;
import dev.aisle.search.ExportOptions;
import dev.aisle.search.ProductDocuments;
import dev.aisle.search.SearchIndex;
import dev.aisle.search.SearchUri;
import dev.aisle.search.engines.SearchEngines;
import dev.aisle.search.opensearch.OpenSearchIndex;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aisle index}: a model into a search engine, for {@code aisle serve --backend}. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Export a model into a search engine: one document per product with its "
        + "vector (HNSW, cosine), its co-occurrence indicators and catalog fields (category, "
        + "price, in stock) for business rules. 'aisle serve --model FILE --backend URI' then "
        + "answers from the engine.",
        "URI: solr://HOST[:PORT][,HOST[:PORT]...]/COLLECTION (SolrCloud; the nodes' HTTP "
            + "addresses, not ZooKeeper's), opensearch://HOST[:PORT],.../INDEX (needs the k-NN "
            + "plugin for vectors) or elasticsearch://HOST[:PORT],.../INDEX. Add +https to the "
            + "scheme for TLS and USER:PASSWORD@ before the hosts for basic authentication.",
        "With --bulk (and --mapping) an OpenSearch or Elasticsearch export is written to files "
            + "instead, for curl or a pipeline."},
    footer = {"", "Examples:",
        "  aisle index --model shop.model --catalog shop/catalog.csv \\",
        "      --to solr://localhost:8983/shop",
        "  aisle index --model shop.model --to solr://solr1:8983,solr2:8983/shop \\",
        "      --shards 2 --replicas 2 --replace",
        "  aisle index --model new.model --to solr://localhost:8983/shop --alias",
        "  aisle index --model shop.model --catalog shop/catalog.csv \\",
        "      --to opensearch://localhost:9200/shop --bulk shop.ndjson --mapping shop.json",
        "  curl -XPUT localhost:9200/shop -H 'Content-Type: application/json' -d @shop.json",
        "  curl -XPOST localhost:9200/_bulk -H 'Content-Type: application/x-ndjson' "
            + "--data-binary @shop.ndjson"})
final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "The model to export: cooc, item2vec or hybrid.")
  Path model;

  @Option(names = "--to", required = true, paramLabel = "URI",
      description = "Where to: solr://HOST:PORT/COLLECTION, opensearch://HOST:PORT/INDEX or "
          + "elasticsearch://HOST:PORT/INDEX.")
  String to;

  @Option(names = "--bulk", paramLabel = "FILE",
      description = "OpenSearch/Elasticsearch: write the bulk NDJSON here instead of sending it.")
  Path bulk;

  @Option(names = "--mapping", paramLabel = "FILE",
      description = "OpenSearch/Elasticsearch: write the index settings and mapping here.")
  Path mapping;

  @Option(names = "--catalog", paramLabel = "FILE",
      description = "The catalog, for the category, price and in-stock fields the business "
          + "rules filter on.")
  Path catalog;

  @Option(names = "--shards", defaultValue = "1", paramLabel = "N",
      description = "Shards. Default: ${DEFAULT-VALUE}.")
  int shards;

  @Option(names = "--replicas", defaultValue = "1", paramLabel = "N",
      description = "Copies of each shard. Default: ${DEFAULT-VALUE}.")
  int replicas;

  @Option(names = "--replace",
      description = "Drop an existing collection of that name first (it stops answering "
          + "until the export is done).")
  boolean replace;

  @Option(names = "--alias",
      description = "Export into NAME_CHECKSUM and point the alias NAME at it in one step, "
          + "dropping the export it pointed to: re-exports without downtime (serve with the "
          + "alias's URI).")
  boolean alias;

  @Option(names = "--hnsw-m", defaultValue = "16", paramLabel = "M",
      description = "HNSW neighbours per node. Default: ${DEFAULT-VALUE}.")
  int m;

  @Option(names = "--hnsw-ef-construction", defaultValue = "100", paramLabel = "EF",
      description = "HNSW candidate list while building. Default: ${DEFAULT-VALUE}.")
  int efConstruction;

  @Override
  public Integer call() {
    ExportOptions options = new ExportOptions(shards, replicas, replace, m, efConstruction);
    SearchUri uri = SearchUri.parse(to);
    ModelFile.Loaded loaded = ModelFile.read(model);
    ProductDocuments docs = ProductDocuments.of(loaded,
        catalog == null ? null : new CatalogReader(false).readAll(catalog));
    if (alias && replace) {
      throw new IllegalArgumentException("--alias always builds a new collection or index; "
          + "drop --replace");
    }
    if (bulk != null || mapping != null) {
      return writeFiles(uri, docs, options);
    }
    long start = System.nanoTime();
    String behind = null;
    try (Progress progress = Progress.start("index", docs.size(), " products", 1);
        SearchIndex index = SearchEngines.connect(uri)) {
      if (alias) {
        behind = index.exportBehindAlias(docs, options, done -> progress.listener().accept(done));
      } else {
        index.export(docs, options, done -> progress.listener().accept(done));
      }
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "indexed %,d products of %s (%s%s) into %s "
        + "in %.1f s%n", docs.size(), model, loaded.model().algorithm(),
        docs.dim() > 0 ? ", vectors of " + docs.dim() : "", uri,
        (System.nanoTime() - start) / 1e9);
    if (behind != null) {
      spec.commandLine().getOut().printf(Locale.ROOT, "alias %s now points to %s%n", uri.name(),
          behind);
    }
    return AisleCommand.OK;
  }

  private int writeFiles(SearchUri uri, ProductDocuments docs, ExportOptions options) {
    if (uri.engine() == SearchUri.Engine.SOLR) {
      throw new IllegalArgumentException("--bulk and --mapping write OpenSearch/Elasticsearch "
          + "files; a Solr export goes straight to the cluster (drop them, or use an "
          + "opensearch:// or elasticsearch:// URI)");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (mapping != null) {
      try {
        AtomicOutput.write(mapping, EngineClient.JSON.writerWithDefaultPrettyPrinter()
            .writeValueAsBytes(OpenSearchIndex.mapping(uri.engine(), docs.dim(), options)), true);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot encode the mapping", e);
      }
      out.printf(Locale.ROOT, "wrote the %s settings and mapping of index %s to %s%n",
          uri.engine().scheme(), uri.name(), mapping);
    }
    if (bulk != null) {
      try (AtomicOutput file = new AtomicOutput(bulk, 1 << 16)) {
        OpenSearchIndex.writeBulk(docs, uri.name(), new OutputStream() {
          @Override
          public void write(int b) {
            file.write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            file.write(b, off, len);
          }
        });
        file.commit();
      }
      out.printf(Locale.ROOT, "wrote %,d products (%s) for index %s to %s%n", docs.size(),
          Sizes.human(LineSource.sizeOf(bulk)), uri.name(), bulk);
    }
    return AisleCommand.OK;
  }
}
