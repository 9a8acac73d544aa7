package dev.aisle.search.solr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud on this machine for trying {@code aisle index} and {@code aisle serve --backend}
 * and for {@code bench/solr-vs-embedded.sh}: Solr's own test cluster (ZooKeeper and N Solr nodes
 * in one JVM, on loopback). Prints the {@code solr://} URI of its nodes (add {@code
 * /COLLECTION}) and runs until killed.
 *
 * <pre>
 * java -cp ... dev.aisle.search.solr.LocalSolrCloud 2 /tmp/solr   # solr://127.0.0.1:41234,127.0.0.1:40321
 * </pre>
 */
public final class LocalSolrCloud {
  private LocalSolrCloud() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: LocalSolrCloud NODES DIR");
      System.exit(2);
    }
    int nodes = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    Files.createDirectories(dir);
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, dir).build();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cluster.shutdown();
      } catch (Exception e) {
        System.err.println("shutdown: " + e);
      }
      stop.countDown();
    }));
    List<String> hosts = new ArrayList<>();
    for (JettySolrRunner j : cluster.getJettySolrRunners()) {
      hosts.add("127.0.0.1:" + j.getLocalPort());
    }
    System.out.println("solr://" + String.join(",", hosts));
    System.out.flush();
    stop.await();
  }
}
