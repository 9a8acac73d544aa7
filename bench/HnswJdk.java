import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.Version;

/**
 * One HNSW measurement for bench/hnsw-jdk.sh, with only lucene-core on the class path, so that
 * the same source runs on Lucene 9.12 (Java 17+) and Lucene 10 (Java 21+): a random slice of an
 * item2vec model's vectors (word2vec binary, as 'aisle export --binary' writes them), scaled to
 * unit length, indexed as the server's AnnIndex does (Lucene99HnswVectorsFormat maxConn 16,
 * beamWidth 100, merges on every core, a 256 MB buffer, merged into one segment on disk, then
 * memory-mapped), then related-product queries as HnswRetrieval's (k 20 from a beam of 100), on one
 * thread after a warm-up pass, timed by that thread's CPU time (so that a loaded machine's waits do
 * not count), and their recall@20 against an exact scan. The build is timed by the process's CPU
 * seconds as well as by the wall clock.
 *
 * <p>Usage: {@code java -cp lucene-core.jar HnswJdk.java VECTORS PRODUCTS QUERIES FORMAT DIR};
 * FORMAT is {@code float32} (what the server uses) or {@code int7} (Lucene's scalar-quantized HNSW,
 * int7 on 9.12, seven-bit on 10). Prints one tab-separated line: Lucene, Java, format, products,
 * build wall s, build CPU s, queries a CPU second, recall@20, index MB.
 */
public final class HnswJdk {
  private static final int MAX_CONN = 16;
  private static final int BEAM_WIDTH = 100;
  private static final int K = 20;
  private static final int CANDIDATES = 100;

  public static void main(String[] args) throws Throwable {
    Path vectorsFile = Path.of(args[0]);
    int products = Integer.parseInt(args[1]);
    int queries = Integer.parseInt(args[2]);
    String format = args[3];
    Path dir = Path.of(args[4]);
    int[] dim = new int[1];
    float[] unit = slice(vectorsFile, products, dim);
    int d = dim[0];

    deleteTree(dir);
    int workers = Runtime.getRuntime().availableProcessors();
    ExecutorService merges = Executors.newFixedThreadPool(workers);
    KnnVectorsFormat knn = format(format, workers, merges);
    Codec codec = new FilterCodec(Codec.getDefault().getName(), Codec.getDefault()) {
      private final KnnVectorsFormat perField = new PerFieldKnnVectorsFormat() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return knn;
        }
      };

      @Override
      public KnnVectorsFormat knnVectorsFormat() {
        return perField;
      }
    };
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    IndexWriterConfig config = new IndexWriterConfig().setCodec(codec).setRAMBufferSizeMB(256);
    try (FSDirectory fs = FSDirectory.open(dir); IndexWriter w = new IndexWriter(fs, config)) {
      for (int p = 0; p < products; p++) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField("v", Arrays.copyOfRange(unit, p * d, (p + 1) * d),
            VectorSimilarityFunction.DOT_PRODUCT));
        w.addDocument(doc);
      }
      w.forceMerge(1);
      w.commit();
    }
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    double buildCpu = (cpuNanos() - cpu0) / 1e9;
    merges.shutdown();
    long bytes;
    try (Stream<Path> files = Files.list(dir)) {
      bytes = files.mapToLong(p -> p.toFile().length()).sum();
    }

    int[] sample = shuffled(products, 7);
    int q = Math.min(queries, products);
    int[][] found = new int[q][];
    double qps;
    try (MMapDirectory mm = new MMapDirectory(dir); DirectoryReader reader = DirectoryReader.open(mm)) {
      LeafReader leaf = reader.leaves().get(0).reader();
      MethodHandle searcher = searcher(leaf);
      for (int i = 0; i < q; i++) { // warm-up: pages mapped, code compiled
        search(searcher, leaf, unit, d, sample[i]);
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long s0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < q; i++) {
        found[i] = search(searcher, leaf, unit, d, sample[i]);
      }
      qps = q / ((threads.getCurrentThreadCpuTime() - s0) / 1e9);
    }
    double recall = 0;
    for (int i = 0; i < q; i++) {
      int[] exact = exact(unit, products, d, sample[i]);
      recall += overlap(exact, found[i]) / (double) K;
    }
    System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%d\t%.1f\t%.1f\t%.0f\t%.4f\t%.0f%n",
        Version.LATEST, Runtime.version().feature(), format, products, buildSeconds, buildCpu,
        qps, recall / q, bytes / 1e6);
  }

  /** The graph format: the server's float32 HNSW, or Lucene's scalar-quantized HNSW. */
  private static KnnVectorsFormat format(String name, int workers, ExecutorService merges)
      throws ReflectiveOperationException {
    switch (name) {
      case "float32":
        return new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH, workers, merges);
      case "int7":
        // by reflection: the class and its constructor differ between Lucene 9.12 and 10
        try {
          Class<?> f = Class.forName(
              "org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat");
          Class<?> enc = Class.forName(
              "org.apache.lucene.util.quantization.QuantizedByteVectorValues$ScalarEncoding");
          Object sevenBit = enc.getMethod("valueOf", String.class).invoke(null, "SEVEN_BIT");
          return (KnnVectorsFormat) f.getConstructor(enc, int.class, int.class, int.class,
              ExecutorService.class).newInstance(sevenBit, MAX_CONN, BEAM_WIDTH, workers, merges);
        } catch (ClassNotFoundException lucene9) {
          Class<?> f = Class.forName(
              "org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat");
          return (KnnVectorsFormat) f.getConstructor(int.class, int.class, int.class, int.class,
              boolean.class, Float.class, ExecutorService.class)
              .newInstance(MAX_CONN, BEAM_WIDTH, workers, 7, false, null, merges);
        }
      default:
        throw new IllegalArgumentException("format must be float32 or int7, was " + name);
    }
  }

  /**
   * LeafReader.searchNearestVectors(field, query, k, all documents, no visit limit), as the
   * server's AnnIndex calls it: Lucene 9.12 takes null Bits for all documents, Lucene 10.6 an
   * AcceptDocs (by reflection, so that one source compiles against both).
   */
  private static MethodHandle searcher(LeafReader leaf) throws ReflectiveOperationException {
    Object all = null;
    Class<?> accept = Bits.class;
    try {
      accept = Class.forName("org.apache.lucene.search.AcceptDocs");
      all = accept.getMethod("fromLiveDocs", Bits.class, int.class).invoke(null, null,
          leaf.maxDoc());
    } catch (ClassNotFoundException lucene9) {
      // null Bits: every document
    }
    MethodHandle h = MethodHandles.publicLookup().findVirtual(LeafReader.class,
        "searchNearestVectors", MethodType.methodType(TopDocs.class, String.class,
            float[].class, int.class, accept, int.class));
    return MethodHandles.insertArguments(h, 4, all);
  }

  private static int[] search(MethodHandle searcher, LeafReader leaf, float[] unit, int d,
      int product) throws Throwable {
    float[] query = Arrays.copyOfRange(unit, product * d, (product + 1) * d);
    TopDocs top = (TopDocs) searcher.invoke(leaf, "v", query, CANDIDATES, Integer.MAX_VALUE);
    return Arrays.stream(top.scoreDocs).limit(K).mapToInt(s -> s.doc).toArray();
  }

  /** The exact top K by dot product (ties to the lower ordinal). */
  private static int[] exact(float[] unit, int products, int d, int product) {
    float[] best = new float[K];
    int[] ids = new int[K];
    Arrays.fill(best, Float.NEGATIVE_INFINITY);
    Arrays.fill(ids, -1);
    int at = product * d;
    for (int p = 0; p < products; p++) {
      float s = 0;
      int o = p * d;
      for (int i = 0; i < d; i++) {
        s += unit[o + i] * unit[at + i];
      }
      if (s > best[K - 1]) {
        int j = K - 1;
        while (j > 0 && best[j - 1] < s) {
          best[j] = best[j - 1];
          ids[j] = ids[j - 1];
          j--;
        }
        best[j] = s;
        ids[j] = p;
      }
    }
    return ids;
  }

  private static int overlap(int[] a, int[] b) {
    int n = 0;
    for (int x : a) {
      for (int y : b) {
        if (x == y) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /** {@code products} random rows of the word2vec binary file, each scaled to unit length. */
  private static float[] slice(Path file, int products, int[] dimOut) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        Files.newInputStream(file), 1 << 20))) {
      String[] header = line(in).trim().split(" ");
      int rows = Integer.parseInt(header[0]);
      int d = Integer.parseInt(header[1]);
      if (products > rows) {
        throw new IllegalArgumentException("the file has " + rows + " products, asked for "
            + products);
      }
      int[] order = shuffled(rows, 1);
      int[] slot = new int[rows];
      Arrays.fill(slot, -1);
      for (int i = 0; i < products; i++) {
        slot[order[i]] = i;
      }
      float[] unit = new float[products * d];
      byte[] raw = new byte[4 * d];
      for (int r = 0; r < rows; r++) {
        while (in.readByte() != ' ') {
          // the product id
        }
        in.readFully(raw);
        if (slot[r] >= 0) {
          ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
              .get(unit, slot[r] * d, d);
          double norm = 0;
          for (int i = 0; i < d; i++) {
            norm += unit[slot[r] * d + i] * unit[slot[r] * d + i];
          }
          float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
          for (int i = 0; i < d; i++) {
            unit[slot[r] * d + i] *= scale;
          }
        }
        in.mark(1);
        if (in.read() != '\n') {
          in.reset();
        }
      }
      dimOut[0] = d;
      return unit;
    }
  }

  private static String line(DataInputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
      s.append((char) c);
    }
    return s.toString();
  }

  private static int[] shuffled(int n, long seed) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
