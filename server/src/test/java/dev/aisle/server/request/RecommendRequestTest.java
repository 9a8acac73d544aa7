package dev.aisle.server.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.search.Filters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recommendation bodies read and checked without a server. */
class RecommendRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RecommendRequest parse(String body) {
    return RecommendRequest.parse(JsonBody.parse("application/json",
        body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void reads_every_field_of_a_full_body() {
    RecommendRequest r = parse("{\"session\": [\"P1\", \"P7\"], \"k\": 5, \"model\": \"i2v\","
        + " \"exclude\": [\"P3\"], \"category\": \"Cushions\", \"inStockOnly\": true,"
        + " \"maxPerCategory\": 2}");
    assertThat(r.session()).containsExactly("P1", "P7");
    assertThat(r.k()).isEqualTo(5);
    assertThat(r.model()).isEqualTo("i2v");
    assertThat(r.rules()).isEqualTo(new Rules(new Filters(Set.of("P3"), "Cushions", true), 2));
    assertThat(r.rules().filtering()).isTrue();
  }

  @Test
  void a_bare_session_gets_the_defaults_and_no_rules() {
    RecommendRequest r = parse("{\"session\": [\"P1\"]}");
    assertThat(r.k()).isEqualTo(RecommendRequest.DEFAULT_K);
    assertThat(r.model()).isNull();
    assertThat(r.rules()).isEqualTo(Rules.NONE);
    assertThat(r.rules().filtering()).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "[]                                      | body",
      "{}                                      | session",
      "{\"session\": \"P1\"}                   | session",
      "{\"session\": [\"P1\", 7]}              | session[1]",
      "{\"session\": [\"P1\"], \"k\": 0}       | k",
      "{\"session\": [\"P1\"], \"k\": 1001}    | k",
      "{\"session\": [\"P1\"], \"k\": 2.5}     | k",
      "{\"session\": [\"P1\"], \"model\": \"\"} | model",
      "{\"session\": [\"P1\"], \"exclude\": [1]} | exclude[0]",
      "{\"session\": [\"P1\"], \"inStockOnly\": \"yes\"} | inStockOnly",
      "{\"session\": [\"P1\"], \"maxPerCategory\": -1} | maxPerCategory",
  })
  void a_bad_field_is_refused_by_name(String body, String field) {
    ApiException e = assertThrows(ApiException.class, () -> parse(body));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.field()).isEqualTo(field);
  }

  @Test
  void a_session_longer_than_the_limit_is_refused_with_the_limit() throws Exception {
    JsonNode body = JSON.readTree("{\"session\": " + JSON.writeValueAsString(
        java.util.Collections.nCopies(RequestLimits.MAX_SESSION + 1, "P1")) + "}");
    ApiException e = assertThrows(ApiException.class, () -> RecommendRequest.parse(body));
    assertThat(e).hasMessageContaining("at most " + RequestLimits.MAX_SESSION);
  }

  @Test
  void bodies_that_are_not_json_are_refused_with_their_status() {
    assertThat(assertThrows(ApiException.class, () -> JsonBody.parse("text/plain",
        "{}".getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(415);
    assertThat(assertThrows(ApiException.class, () -> JsonBody.parse(null,
        new byte[RequestLimits.MAX_BODY + 1])).status()).isEqualTo(413);
    assertThat(assertThrows(ApiException.class, () -> JsonBody.parse(null, new byte[0]))
        .getMessage()).contains("empty");
    assertThat(assertThrows(ApiException.class, () -> JsonBody.parse(null,
        "{\"session\": [".getBytes(StandardCharsets.UTF_8))).getMessage())
        .startsWith("malformed JSON");
  }

  @Test
  void a_json_content_type_with_a_charset_is_json() {
    assertThat(JsonBody.parse("application/json; charset=utf-8",
        "{\"a\": 1}".getBytes(StandardCharsets.UTF_8)).get("a").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"'', 20", "7, 7", "' 9 ', 9"})
  void query_integers_default_and_trim(String value, int expected) {
    assertThat(QueryParams.integer("k", value, 20, 1, 1000)).isEqualTo(expected);
  }

  @Test
  void query_integers_out_of_range_or_not_numbers_name_the_parameter() {
    ApiException range = assertThrows(ApiException.class,
        () -> QueryParams.integer("k", "0", 20, 1, 1000));
    assertThat(range.field()).isEqualTo("k");
    assertThat(range).hasMessage("k must be in 1..1000, was 0");
    assertThat(assertThrows(ApiException.class, () -> QueryParams.integer("page", "two", 0, 0,
        10))).hasMessage("page must be a whole number, was 'two'");
  }

  @Test
  void rules_that_only_exclude_do_not_filter() {
    Rules r = Rules.excluding(Set.of("P1", "P2"));
    assertThat(r.filters().exclude()).containsExactlyInAnyOrder("P1", "P2");
    assertThat(r.filtering()).isFalse();
    assertThat(List.of(r.maxPerCategory())).containsExactly(0);
  }
}
