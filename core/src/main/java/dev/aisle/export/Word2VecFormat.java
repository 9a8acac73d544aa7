package dev.aisle.export;

import dev.aisle.format.AtomicOutput;
import dev.aisle.model.EmbeddingModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The word2vec vector formats. Both start with a line {@code "<count> <dim>"}; the text format then
 * has one line per product, {@code "<id> <v1> ... <vdim>"}; the binary format has {@code "<id> "}
 * followed by {@code dim} little-endian float32 values and a newline, as {@code word2vec.c}
 * writes. Product ids must not contain spaces or line breaks (they would break the format), and
 * are written in order of popularity.
 */
public final class Word2VecFormat {
  private Word2VecFormat() {}

  /** Writes every product vector of {@code model} to {@code file} atomically. */
  public static void write(EmbeddingModel model, Path file, boolean binary) {
    int n = model.products().size();
    int dim = model.dim();
    try (AtomicOutput out = new AtomicOutput(file, 1 << 20)) {
      write(out, String.format(Locale.ROOT, "%d %d\n", n, dim));
      ByteBuffer floats = ByteBuffer.allocate(dim * 4).order(ByteOrder.LITTLE_ENDIAN);
      StringBuilder line = new StringBuilder();
      for (int p = 0; p < n; p++) {
        String id = model.products().id(p);
        if (id.chars().anyMatch(c -> c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
          throw new IllegalArgumentException("product id '" + id
              + "' contains white space, which the word2vec format cannot hold");
        }
        float[] v = model.vector(p);
        if (binary) {
          write(out, id + " ");
          floats.clear();
          for (float x : v) {
            floats.putFloat(x);
          }
          out.write(floats.array(), 0, dim * 4);
          write(out, "\n");
        } else {
          line.setLength(0);
          line.append(id);
          for (float x : v) {
            line.append(' ').append(Float.toString(x));
          }
          line.append('\n');
          write(out, line.toString());
        }
      }
      out.commit();
    }
  }

  private static void write(AtomicOutput out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }
}
