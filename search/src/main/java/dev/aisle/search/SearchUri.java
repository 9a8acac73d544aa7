package dev.aisle.search;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a model lives in a search engine, written as a URI:
 *
 * <pre>
 * solr://HOST[:PORT][,HOST[:PORT]...]/COLLECTION          SolrCloud, default port 8983
 * opensearch://HOST[:PORT][,HOST[:PORT]...]/INDEX         OpenSearch, default port 9200
 * elasticsearch://HOST[:PORT][,HOST[:PORT]...]/INDEX      Elasticsearch, default port 9200
 * </pre>
 *
 * Add {@code +https} to the scheme for TLS ({@code solr+https://...}) and {@code USER:PASSWORD@}
 * before the hosts for HTTP basic authentication. Every listed node can answer every request
 * (SolrCloud and OpenSearch route internally); a node that does not answer is skipped.
 *
 * @param engine which search engine
 * @param nodes the base URL of each node ({@code http://host:8983/solr} for Solr, {@code
 *     http://host:9200} for the others)
 * @param name the collection (Solr) or index
 * @param credentials {@code user:password} for basic authentication, or null
 */
public record SearchUri(Engine engine, List<URI> nodes, String name, String credentials) {
  private static final Pattern SOLR_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

  /** The engines Aisle exports to. */
  public enum Engine {
    SOLR("solr", 8983),
    OPENSEARCH("opensearch", 9200),
    ELASTICSEARCH("elasticsearch", 9200);

    final String scheme;
    final int defaultPort;

    Engine(String scheme, int defaultPort) {
      this.scheme = scheme;
      this.defaultPort = defaultPort;
    }

    /** The URI scheme, e.g. {@code solr}. */
    public String scheme() {
      return scheme;
    }
  }

  public SearchUri {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a search URI needs at least one node");
    }
  }

  /**
   * Parses a URI of the forms above.
   *
   * @throws IllegalArgumentException saying what is wrong and showing the expected form
   */
  public static SearchUri parse(String text) {
    String form = " (expected e.g. solr://localhost:8983/aisle or opensearch://localhost:9200/aisle)";
    int sep = text.indexOf("://");
    if (sep < 0) {
      throw new IllegalArgumentException("not a search URI: '" + text + "'" + form);
    }
    String scheme = text.substring(0, sep).toLowerCase(Locale.ROOT);
    boolean https = scheme.endsWith("+https");
    if (https) {
      scheme = scheme.substring(0, scheme.length() - "+https".length());
    }
    Engine engine = null;
    for (Engine e : Engine.values()) {
      if (e.scheme.equals(scheme)) {
        engine = e;
      }
    }
    if (engine == null) {
      throw new IllegalArgumentException("unknown search engine '" + scheme + "' in '" + text
          + "'; use solr, opensearch or elasticsearch" + form);
    }
    String rest = text.substring(sep + 3);
    int slash = rest.indexOf('/');
    if (slash < 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' names no "
          + (engine == Engine.SOLR ? "collection" : "index") + " after the hosts" + form);
    }
    String authority = rest.substring(0, slash);
    String name = rest.substring(slash + 1);
    if (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    Pattern valid = engine == Engine.SOLR ? SOLR_NAME : INDEX_NAME;
    if (!valid.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' in '" + text + "' is not a valid "
          + (engine == Engine.SOLR ? "Solr collection name (letters, digits, _ . -)"
              : engine.scheme + " index name (lower-case letters, digits, _ . -)"));
    }
    String credentials = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      credentials = URLDecoder.decode(authority.substring(0, at), StandardCharsets.UTF_8);
      authority = authority.substring(at + 1);
      if (!credentials.contains(":")) {
        throw new IllegalArgumentException("credentials in '" + text
            + "' must be USER:PASSWORD");
      }
    }
    List<URI> nodes = new ArrayList<>();
    for (String host : authority.split(",")) {
      if (host.isBlank()) {
        throw new IllegalArgumentException("empty host in '" + text + "'" + form);
      }
      String hostPort = host.contains(":") && !host.endsWith("]") ? host
          : host + ":" + engine.defaultPort;
      URI node;
      try {
        node = URI.create((https ? "https" : "http") + "://" + hostPort
            + (engine == Engine.SOLR ? "/solr" : ""));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad host '" + host + "' in '" + text + "'" + form);
      }
      if (node.getHost() == null || node.getPort() < 1) {
        throw new IllegalArgumentException("bad host '" + host + "' in '" + text + "'" + form);
      }
      nodes.add(node);
    }
    return new SearchUri(engine, nodes, name, credentials);
  }

  /** The URI as written, without the password. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(engine.scheme);
    if ("https".equals(nodes.get(0).getScheme())) {
      sb.append("+https");
    }
    sb.append("://");
    if (credentials != null) {
      sb.append(credentials, 0, credentials.indexOf(':')).append(":***@");
    }
    for (int i = 0; i < nodes.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(nodes.get(i).getHost()).append(':')
          .append(nodes.get(i).getPort());
    }
    return sb.append('/').append(name).toString();
  }
}
