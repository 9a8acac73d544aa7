package dev.aisle.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aisle.BadInputException;
import dev.aisle.TestShops;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.model.Params;
import dev.aisle.model.item2vec.Item2VecModel;
import dev.aisle.model.item2vec.Item2VecOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The word2vec text and binary layouts, written and read back byte for byte. */
class Word2VecFormatTest {
  private static final float[] VECTORS = {0.5f, -1f, 0.25f, 2f, 0f, -0.125f};

  @TempDir Path dir;

  private static Item2VecModel model(String... ids) {
    ProductIndex products = new ProductIndex(ids, new int[] {3, 2, 1});
    return Item2VecModel.of(products, Item2VecOptions.from(Params.parse(List.of("dim=2"))),
        VECTORS);
  }

  @Test
  void text_has_a_header_and_one_line_per_product_in_ordinal_order() throws Exception {
    Path f = dir.resolve("v.txt");
    Word2VecFormat.write(model("P1", "P2", "P3"), f, false);
    assertThat(Files.readAllLines(f)).containsExactly("3 2", "P1 0.5 -1.0", "P2 0.25 2.0",
        "P3 0.0 -0.125");
  }

  @Test
  void binary_holds_little_endian_floats_after_each_id() throws Exception {
    Path f = dir.resolve("v.bin");
    Word2VecFormat.write(model("P1", "P2", "P3"), f, true);
    byte[] b = Files.readAllBytes(f);
    ByteBuffer expected = ByteBuffer.allocate(b.length).order(ByteOrder.LITTLE_ENDIAN);
    expected.put("3 2\n".getBytes(StandardCharsets.US_ASCII));
    String[] ids = {"P1", "P2", "P3"};
    for (int p = 0; p < 3; p++) {
      expected.put((ids[p] + " ").getBytes(StandardCharsets.US_ASCII));
      expected.putFloat(VECTORS[2 * p]).putFloat(VECTORS[2 * p + 1]);
      expected.put((byte) '\n');
    }
    assertThat(expected.position()).isEqualTo(b.length);
    assertThat(b).isEqualTo(expected.array());
  }

  @Test
  void text_reads_back_as_written() {
    Path f = dir.resolve("v.txt");
    Item2VecModel m = model("P1", "P2", "P3");
    Word2VecFormat.write(m, f, false);
    Word2VecFormat.Vectors v = Word2VecFormat.read(f, m.products());
    assertThat(v.dim()).isEqualTo(2);
    assertThat(v.values()).containsExactly(VECTORS);
    assertThat(v.missing()).isZero();
    assertThat(v.extra()).isZero();
  }

  @Test
  void reading_for_another_vocabulary_counts_what_is_missing_and_extra() throws Exception {
    Path f = Files.writeString(dir.resolve("gensim.vec"), "3 2\nP2 1 2\nX9 5 5\n\nP1 3 4\n");
    ProductIndex products = new ProductIndex(new String[] {"P1", "P2", "P7"},
        new int[] {3, 2, 1});
    Word2VecFormat.Vectors v = Word2VecFormat.read(f, products);
    assertThat(v.values()).containsExactly(3, 4, 1, 2, 0, 0);
    assertThat(v.missing()).isEqualTo(1);
    assertThat(v.extra()).isEqualTo(1);
  }

  @Test
  void a_malformed_file_is_refused_with_its_line() throws Exception {
    ProductIndex products = new ProductIndex(new String[] {"P1"}, new int[] {1});
    Path fields = Files.writeString(dir.resolve("a.vec"), "1 2\nP1 1 2 3\n");
    assertThat(assertThrows(BadInputException.class, () -> Word2VecFormat.read(fields, products)))
        .hasMessage(fields + ":2: expected a word and 2 numbers, found 4 fields");
    Path number = Files.writeString(dir.resolve("b.vec"), "1 2\nP1 1 two\n");
    assertThat(assertThrows(BadInputException.class, () -> Word2VecFormat.read(number, products)))
        .hasMessage(number + ":2: 'two' is not a number");
    Path header = Files.writeString(dir.resolve("c.vec"), "vectors\nP1 1 2\n");
    assertThat(assertThrows(BadInputException.class, () -> Word2VecFormat.read(header, products)))
        .hasMessage(header + ":1: expected the header '<count> <dim>'");
  }

  @Test
  void an_id_with_white_space_cannot_be_written() {
    Path f = dir.resolve("v.txt");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Word2VecFormat.write(model("P1", "linen cushion", "P3"), f, false));
    assertThat(e).hasMessageContaining("'linen cushion'");
    assertThat(Files.exists(f)).as("nothing half-written").isFalse();
  }

  @Test
  void sentences_are_the_sessions_one_per_line() throws Exception {
    Corpus corpus = TestShops.ofSessions(dir, "a b c", "b a", "c c");
    Path f = dir.resolve("sentences.txt");
    Word2VecFormat.writeSentences(corpus, f);
    List<String> lines = Files.readAllLines(f);
    assertThat(lines).hasSize(corpus.sessionCount());
    assertThat(lines.stream().map(l -> Arrays.asList(l.split(" "))).toList())
        .containsExactly(List.of("a", "b", "c"), List.of("b", "a"), List.of("c", "c"));
  }
}
