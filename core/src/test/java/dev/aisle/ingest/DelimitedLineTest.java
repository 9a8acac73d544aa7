package dev.aisle.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DelimitedLineTest {
  private static List<String> split(String line, char delimiter, int max) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    int[] starts = new int[max];
    int[] ends = new int[max];
    int n = DelimitedLine.split(b, 0, b.length, (byte) delimiter, starts, ends);
    if (n < 0) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new String(b, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void splits_plain_fields() {
    assertThat(split("a,b,c", ',', 8)).containsExactly("a", "b", "c");
  }

  @Test
  void keeps_empty_fields_including_a_trailing_one() {
    assertThat(split("a,,c,", ',', 8)).containsExactly("a", "", "c", "");
  }

  @Test
  void reads_quoted_fields_with_delimiters_and_doubled_quotes() {
    assertThat(split("\"a,b\",\"say \"\"hi\"\"\",c", ',', 8))
        .containsExactly("a,b", "say \"hi\"", "c");
  }

  @Test
  void reports_an_unterminated_quote() {
    assertThat(split("\"abc,d", ',', 8)).isNull();
  }

  @Test
  void stops_after_the_fields_it_has_room_for() {
    assertThat(split("a;b;c;d", ';', 2)).containsExactly("a", "b");
  }

  @Test
  void counts_fields_outside_quotes() {
    byte[] b = "a,\"b,c\",d".getBytes(StandardCharsets.UTF_8);
    assertThat(DelimitedLine.count(b, 0, b.length, (byte) ',')).isEqualTo(3);
  }

  @Test
  void normalizes_header_names() {
    assertThat(DelimitedLine.normalizeName("Session_Id")).isEqualTo("sessionid");
    assertThat(DelimitedLine.normalizeName("\uFEFFsession-id")).isEqualTo("sessionid");
  }

  @Property
  void quoting_every_field_round_trips(
      @ForAll @Size(min = 1, max = 8) List<@StringLength(max = 12) String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append('"').append(fields.get(i).replace("\"", "\"\"")).append('"');
    }
    assertThat(split(line.toString(), ',', fields.size())).isEqualTo(fields);
  }

  @Property
  void unquoted_fields_without_delimiters_round_trip(
      @ForAll @Size(min = 1, max = 8) List<@StringLength(max = 12) String> raw) {
    List<String> fields = raw.stream()
        .map(s -> s.replace("\t", "").replace("\"", "").replace("\n", "").replace("\r", ""))
        .toList();
    assertThat(split(String.join("\t", fields), '\t', fields.size())).isEqualTo(fields);
  }

  @Property
  void utf8_check_agrees_with_the_jdk(@ForAll byte[] bytes) {
    boolean jdk;
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
      jdk = true;
    } catch (java.nio.charset.CharacterCodingException e) {
      jdk = false;
    }
    assertThat(DelimitedLine.isUtf8(bytes, 0, bytes.length)).isEqualTo(jdk);
  }
}
