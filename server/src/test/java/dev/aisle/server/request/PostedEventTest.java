package dev.aisle.server.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.events.Event;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Posted events read and checked without a server. */
class PostedEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = 1_767_600_000_000L;

  private static List<Event> parse(String body) throws Exception {
    return PostedEvent.parse(JSON.readTree(body), NOW);
  }

  @Test
  void one_object_is_one_event_at_now() throws Exception {
    assertThat(parse("{\"customer\": \"C1\", \"product\": \"P7\"}"))
        .containsExactly(Event.view("C1", "P7", NOW));
  }

  @Test
  void an_array_keeps_its_order_and_reads_both_timestamp_forms() throws Exception {
    assertThat(parse("[{\"customer\": \"C1\", \"product\": \"P1\", \"timestamp\": "
        + "\"2026-01-05T10:00:00Z\"}, {\"customer\": \"C1\", \"product\": \"P2\", "
        + "\"timestamp\": 1767607260000}]")).containsExactly(
            Event.view("C1", "P1", 1_767_607_200_000L),
            Event.view("C1", "P2", 1_767_607_260_000L));
  }

  @Test
  void the_event_type_is_view_cart_or_purchase_by_any_name_ingest_knows() throws Exception {
    assertThat(parse("[{\"customer\": \"C\", \"product\": \"P\", \"event\": \"addtocart\"},"
        + "{\"customer\": \"C\", \"product\": \"P\", \"event\": \"buy\"}]"))
        .extracting(Event::type).containsExactly("cart", "purchase");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "\"view\"                                                   | body",
      "[7]                                                        | [0].",
      "{\"product\": \"P1\"}                                      | customer",
      "[{\"customer\": \"C\", \"product\": \"P\"}, {\"customer\": \"C\"}] | [1].product",
      "{\"customer\": \"C\", \"product\": \"P\", \"timestamp\": 5}  | timestamp",
      "{\"customer\": \"C\", \"product\": \"P\", \"timestamp\": \"noon\"} | timestamp",
      "{\"customer\": \"C\", \"product\": \"P\", \"timestamp\": true} | timestamp",
      "{\"customer\": \"   \", \"product\": \"P\"}                | customer",
      "{\"customer\": \"C\", \"product\": \"P\\nQ\"}              | product",
      "{\"customer\": \"C\", \"product\": \"P\", \"event\": \"wish\"} | event",
  })
  void a_bad_event_refuses_the_request_naming_the_field(String body, String field) {
    ApiException e = assertThrows(ApiException.class, () -> parse(body));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.field()).isEqualTo(field);
  }

  @Test
  void a_batch_above_the_limit_is_refused() {
    String one = "{\"customer\": \"C\", \"product\": \"P\"}";
    String body = "[" + String.join(",", java.util.Collections.nCopies(
        RequestLimits.MAX_BATCH + 1, one)) + "]";
    assertThat(assertThrows(ApiException.class, () -> parse(body)))
        .hasMessage("at most 1000 events a request, got 1001");
  }
}
