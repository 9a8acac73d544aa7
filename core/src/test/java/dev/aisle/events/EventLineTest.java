package dev.aisle.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class EventLineTest {
  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().withChars("abcXYZ019,\"' -_/é").ofMinLength(1).ofMaxLength(20);
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of("view", "cart", "purchase");
  }

  @Property
  void every_event_reads_back_from_its_line(@ForAll("ids") String customer,
      @ForAll("ids") String product,
      @ForAll @LongRange(min = 631_152_000_000L, max = 4_102_444_799_999L) long millis,
      @ForAll("types") String type) {
    Event e = new Event(customer, product, millis, type);
    byte[] line = EventLine.encode(e);
    assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
    assertThat(EventLine.decode(line, 0, line.length - 1)).isEqualTo(e);
  }

  @Property
  void a_line_cut_anywhere_is_never_read_as_an_event(@ForAll("ids") String customer,
      @ForAll("ids") String product, @ForAll @IntRange(min = 0, max = 200) int cut) {
    byte[] line = EventLine.encode(Event.view(customer, product, 1_764_000_000_000L));
    int end = Math.min(cut, line.length - 2); // any proper prefix of the line without newline
    assertThat(EventLine.decode(line, 0, end)).isNull();
  }

  @Property
  void a_line_with_one_byte_changed_is_never_read_as_an_event(@ForAll("ids") String product,
      @ForAll @IntRange(min = 0, max = 200) int at, @ForAll @IntRange(min = 1, max = 255) int x) {
    byte[] line = EventLine.encode(Event.view("c1", product, 1_764_000_000_000L));
    int i = at % (line.length - 1);
    line[i] ^= (byte) x;
    assertThat(EventLine.decode(line, 0, line.length - 1)).isNull();
  }

  @Test
  void the_line_is_aisles_csv_with_a_checksum_column() {
    String line = new String(EventLine.encode(new Event("c,1", "P1", 1_764_000_000_123L, "cart")),
        StandardCharsets.UTF_8);
    assertThat(line).matches("\"c,1\",P1,2025-11-24T16:00:00\\.123Z,cart,[0-9a-f]{8}\\n");
  }

  @Test
  void ids_with_line_breaks_are_refused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Event.view("c1", "P\n1", 1L));
    assertThat(e.getMessage()).startsWith("product must not contain control characters");
  }
}
