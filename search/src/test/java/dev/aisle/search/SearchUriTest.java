package dev.aisle.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SearchUriTest {
  @Test
  void a_solr_uri_names_the_nodes_solr_base_urls_and_the_collection() {
    SearchUri u = SearchUri.parse("solr://solr1:8983,solr2/shop_products");
    assertThat(u.engine()).isEqualTo(SearchUri.Engine.SOLR);
    assertThat(u.nodes()).containsExactly(URI.create("http://solr1:8983/solr"),
        URI.create("http://solr2:8983/solr"));
    assertThat(u.name()).isEqualTo("shop_products");
    assertThat(u.credentials()).isNull();
  }

  @Test
  void tls_and_credentials_are_part_of_the_uri_but_the_password_is_never_shown() {
    SearchUri u = SearchUri.parse("opensearch+https://aisle:s%40cret@search.example:9243/shop");
    assertThat(u.nodes()).containsExactly(URI.create("https://search.example:9243"));
    assertThat(u.credentials()).isEqualTo("aisle:s@cret");
    assertThat(u.toString()).isEqualTo("opensearch+https://aisle:***@search.example:9243/shop");
  }

  @Test
  void elasticsearch_defaults_to_port_9200() {
    assertThat(SearchUri.parse("elasticsearch://localhost/aisle").nodes())
        .containsExactly(URI.create("http://localhost:9200"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "localhost:8983/aisle | not a search URI",
      "mongo://localhost/aisle | unknown search engine 'mongo'",
      "solr://localhost:8983 | names no collection",
      "solr://localhost:8983/ | names no collection",
      "opensearch://localhost/Shop | not a valid opensearch index name",
      "solr://localhost/a b | not a valid Solr collection name",
      "solr://localhost:x/aisle | bad host 'localhost:x'",
      "solr://a,,b/aisle | empty host",
      "solr://user@localhost/aisle | must be USER:PASSWORD"})
  void a_bad_uri_says_what_is_wrong(String uri, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SearchUri.parse(uri));
    assertThat(e).hasMessageContaining(message);
  }
}
