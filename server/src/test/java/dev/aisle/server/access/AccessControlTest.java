package dev.aisle.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.server.request.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API key and CORS decided without a server. */
class AccessControlTest {
  private final AccessControl keyed = new AccessControl("secret", List.of("https://shop.example"));

  @Test
  void the_key_is_taken_from_either_header() {
    assertDoesNotThrow(() -> keyed.requireKey("secret", null));
    assertDoesNotThrow(() -> keyed.requireKey(null, "Bearer secret"));
  }

  @Test
  void a_missing_or_wrong_key_is_a_401_naming_the_header() {
    for (String[] headers : new String[][] {{null, null}, {"secre", null}, {null, "secret"},
        {null, "Bearer other"}, {"secret2", null}}) {
      ApiException e = assertThrows(ApiException.class,
          () -> keyed.requireKey(headers[0], headers[1]));
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.field()).isEqualTo("X-API-Key");
    }
  }

  @Test
  void without_a_key_everyone_may_write() {
    assertDoesNotThrow(() -> new AccessControl(null, List.of()).requireKey(null, null));
  }

  @Test
  void only_listed_origins_get_cors_headers() {
    assertThat(keyed.corsHeaders("https://shop.example"))
        .containsEntry("Access-Control-Allow-Origin", "https://shop.example")
        .containsEntry("Vary", "Origin")
        .containsKey("Access-Control-Allow-Headers");
    assertThat(keyed.corsHeaders("https://evil.example")).isEmpty();
    assertThat(keyed.corsHeaders(null)).isEmpty();
    assertThat(new AccessControl(null, List.of()).corsHeaders("https://shop.example")).isEmpty();
  }

  @Test
  void a_wildcard_lets_any_origin_in_without_echoing_it() {
    assertThat(new AccessControl(null, List.of("*")).corsHeaders("https://any.example"))
        .containsEntry("Access-Control-Allow-Origin", "*");
  }
}
