package dev.aisle.export;

import dev.aisle.BadInputException;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.AtomicOutput;
import dev.aisle.ingest.LineSource;
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
 * are written in order of popularity. Text files can be read back for a vocabulary, so vectors
 * trained by other tools can be evaluated and served like Aisle's.
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

  /** Vectors read for a vocabulary, and what did not match it. */
  public record Vectors(int dim, float[] values, int missing, int extra) {}

  /**
   * Reads a word2vec text file (gensim's {@code save_word2vec_format}, fastText's {@code .vec})
   * into one vector per product of {@code products}, in ordinal order. Products the file lacks
   * get a zero vector and are counted as {@code missing}; words the products lack are counted as
   * {@code extra}.
   *
   * @throws BadInputException for a file that is not in the format, with its line
   */
  public static Vectors read(Path file, ProductIndex products) {
    try (LineSource lines = LineSource.open(file, null)) {
      if (!lines.next()) {
        throw new BadInputException(file + ": empty file");
      }
      String[] header = text(lines).trim().split(" ");
      int dim;
      try {
        dim = Integer.parseInt(header[1]);
      } catch (RuntimeException e) {
        throw new BadInputException(file + ":1: expected the header '<count> <dim>'");
      }
      float[] values = new float[products.size() * dim];
      boolean[] seen = new boolean[products.size()];
      int extra = 0;
      while (lines.next()) {
        String[] parts = text(lines).trim().split(" ");
        if (parts.length == 1 && parts[0].isEmpty()) {
          continue;
        }
        if (parts.length != dim + 1) {
          throw new BadInputException(String.format(Locale.ROOT, "%s:%d: expected a word and %d "
              + "numbers, found %d fields", file, lines.lineNumber(), dim, parts.length));
        }
        int p = products.ordinal(parts[0]);
        if (p < 0) {
          extra++;
          continue;
        }
        seen[p] = true;
        for (int i = 0; i < dim; i++) {
          try {
            values[p * dim + i] = Float.parseFloat(parts[i + 1]);
          } catch (NumberFormatException e) {
            throw new BadInputException(String.format(Locale.ROOT, "%s:%d: '%s' is not a number",
                file, lines.lineNumber(), parts[i + 1]));
          }
        }
      }
      int missing = 0;
      for (boolean b : seen) {
        missing += b ? 0 : 1;
      }
      return new Vectors(dim, values, missing, extra);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String text(LineSource lines) {
    return new String(lines.buffer(), lines.start(), lines.end() - lines.start(),
        StandardCharsets.UTF_8);
  }

  /**
   * Writes each session of {@code corpus} as one line of space-separated product ids: the
   * "sentences" that word2vec, gensim and fastText train on.
   */
  public static void writeSentences(Corpus corpus, Path file) {
    try (AtomicOutput out = new AtomicOutput(file, 1 << 20)) {
      StringBuilder line = new StringBuilder();
      for (int s = 0; s < corpus.sessionCount(); s++) {
        line.setLength(0);
        for (int e = corpus.sessionStart(s); e < corpus.sessionEnd(s); e++) {
          if (e > corpus.sessionStart(s)) {
            line.append(' ');
          }
          line.append(corpus.products().id(corpus.item(e)));
        }
        line.append('\n');
        write(out, line.toString());
      }
      out.commit();
    }
  }

  private static void write(AtomicOutput out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }
}
