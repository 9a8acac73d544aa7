package dev.aisle.server.vectors;

import dev.aisle.model.ScoredItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Approximate nearest neighbours of unit vectors with Lucene's HNSW graph, in memory. Documents
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
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final int size;

  /**
   * Builds the graph.
   *
   * @param vectors unit vectors, {@code size x dim}, product by product
   */
  AnnIndex(float[] vectors, int size, int dim, int maxConn, int beamWidth) {
    this.size = size;
    IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene912Codec() {
      @Override
      public org.apache.lucene.codecs.KnnVectorsFormat getKnnVectorsFormatForField(String f) {
        return new Lucene99HnswVectorsFormat(maxConn, beamWidth);
      }
    });
    config.setRAMBufferSizeMB(256);
    try (IndexWriter w = new IndexWriter(directory, config)) {
      for (int p = 0; p < size; p++) {
        float[] v = new float[dim];
        System.arraycopy(vectors, p * dim, v, 0, dim);
        Document d = new Document();
        d.add(new KnnFloatVectorField("v", v, VectorSimilarityFunction.DOT_PRODUCT));
        w.addDocument(d);
      }
      w.forceMerge(1);
      w.commit();
      reader = DirectoryReader.open(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the vector index", e);
    }
    searcher = new IndexSearcher(reader);
  }

  /**
   * The {@code k} nearest products to {@code query} (a unit vector), best first.
   *
   * @param candidates the search beam (at least k); more is slower and more exact
   */
  List<ScoredItem> search(float[] query, int k, int candidates) {
    try {
      TopDocs top = searcher.search(new KnnFloatVectorQuery("v", query, Math.max(k, candidates)),
          Math.max(k, candidates));
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
