package dev.aisle.server.vectors;

import dev.aisle.model.ScoredItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

/**
 * Approximate nearest neighbours of unit vectors with Lucene's HNSW graph, built in memory or into
 * a directory beside the model and memory-mapped from there ({@link MMapDirectory}). Documents
 * are added in product-ordinal order and merged into one segment, so a document id is the product
 * ordinal. Scores are cosine similarities.
 *
 * <table>
 *   <caption>Lucene's names and HNSW's</caption>
 *   <tr><th>here</th><th>Lucene</th><th>Malkov and Yashunin</th></tr>
 *   <tr><td>maxConn</td><td>maxConn</td><td>M</td></tr>
 *   <tr><td>beamWidth</td><td>beamWidth</td><td>efConstruction</td></tr>
 *   <tr><td>candidates</td><td>k of the query</td><td>ef (search)</td></tr>
 * </table>
 *
 * <p>Thread-safe for queries.
 */
final class AnnIndex implements AutoCloseable {
  private static final String FIELD = "v";

  private final Directory directory;
  private final DirectoryReader reader;
  private final LeafReader leaf;
  private final int size;

  private AnnIndex(Directory directory, DirectoryReader reader) {
    this.directory = directory;
    this.reader = reader;
    if (reader.leaves().size() != 1) {
      throw new IllegalStateException("expected one segment, found " + reader.leaves().size());
    }
    this.leaf = reader.leaves().get(0).reader();
    this.size = reader.maxDoc();
  }

  /** Builds the graph in memory. */
  AnnIndex(float[] vectors, int size, int dim, int maxConn, int beamWidth) {
    this(build(new ByteBuffersDirectory(), vectors, size, dim, maxConn, beamWidth, Map.of(),
        BuildProgress.NONE, "HNSW graph"));
  }

  private AnnIndex(Directory directory) {
    this(directory, open(directory));
  }

  /**
   * Builds the graph into {@code directory} (one segment, merged on every core), recording
   * {@code commitData} with it.
   *
   * @param vectors unit vectors, {@code size x dim}, product by product
   * @param progress told the products added (each flush of Lucene's buffer builds a graph of
   *     its own), then the merge of those graphs into one, under {@code step}
   */
  static Directory build(Directory directory, float[] vectors, int size, int dim, int maxConn,
      int beamWidth, Map<String, String> commitData, BuildProgress progress, String step) {
    int workers = Runtime.getRuntime().availableProcessors();
    ExecutorService merges = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "aisle-hnsw-merge");
      t.setDaemon(true);
      return t;
    });
    IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene912Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String f) {
        return new Lucene99HnswVectorsFormat(maxConn, beamWidth, workers, merges);
      }
    });
    config.setRAMBufferSizeMB(256);
    try (IndexWriter w = new IndexWriter(directory, config)) {
      for (int p = 0; p < size; p++) {
        float[] v = new float[dim];
        System.arraycopy(vectors, p * dim, v, 0, dim);
        Document d = new Document();
        d.add(new KnnFloatVectorField(FIELD, v, VectorSimilarityFunction.DOT_PRODUCT));
        w.addDocument(d);
        if ((p + 1) % 16_384 == 0 || p + 1 == size) {
          progress.report(step + ": adding products", p + 1, size);
        }
      }
      progress.report(step + ": merging into one graph", 0, 0);
      w.forceMerge(1);
      w.setLiveCommitData(commitData.entrySet());
      w.commit();
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the vector index", e);
    } finally {
      merges.shutdown();
    }
  }

  private static DirectoryReader open(Directory directory) {
    try {
      return DirectoryReader.open(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the vector index", e);
    }
  }

  /**
   * Opens a graph {@link #build} wrote to {@code dir}, memory-mapped, after checking every file's
   * checksum and that it holds {@code commitData}.
   *
   * @throws IndexFile.Corrupt when it is not intact, or was built for something else
   */
  static AnnIndex map(Path dir, Map<String, String> commitData) throws IOException {
    MMapDirectory directory = new MMapDirectory(dir);
    DirectoryReader reader;
    try {
      reader = DirectoryReader.open(directory);
    } catch (IOException e) {
      directory.close();
      throw new IndexFile.Corrupt(dir + ": " + e.getMessage());
    }
    try {
      Map<String, String> recorded = reader.getIndexCommit().getUserData();
      for (Map.Entry<String, String> e : commitData.entrySet()) {
        if (!e.getValue().equals(recorded.get(e.getKey()))) {
          throw new IndexFile.Corrupt(dir + ": built with " + e.getKey() + " "
              + recorded.get(e.getKey()) + ", wanted " + e.getValue());
        }
      }
      for (LeafReaderContext c : reader.leaves()) {
        ((CodecReader) c.reader()).checkIntegrity();
      }
      return new AnnIndex(directory, reader);
    } catch (IOException | RuntimeException e) {
      reader.close();
      directory.close();
      throw e instanceof IndexFile.Corrupt ? (IndexFile.Corrupt) e
          : new IndexFile.Corrupt(dir + ": " + e.getMessage());
    }
  }

  /**
   * The {@code k} nearest products to {@code query} (a unit vector), best first.
   *
   * @param candidates the search beam (at least k); more is slower and more exact
   */
  List<ScoredItem> search(float[] query, int k, int candidates) {
    int beam = Math.max(k, candidates);
    try {
      TopDocs top = leaf.searchNearestVectors(FIELD, query, beam, null, Integer.MAX_VALUE);
      List<ScoredItem> out = new ArrayList<>(k);
      for (ScoreDoc d : top.scoreDocs) {
        if (out.size() == k) {
          break;
        }
        // Lucene maps dot product s to (1 + s) / 2
        out.add(new ScoredItem(d.doc, 2 * d.score - 1));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    reader.close();
    directory.close();
  }
}
