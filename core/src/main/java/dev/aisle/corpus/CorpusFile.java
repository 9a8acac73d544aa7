package dev.aisle.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.BadInputException;
import dev.aisle.catalog.Catalog;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.format.ChecksummedFile;
import java.nio.file.Path;

/**
 * Reads and writes corpora ({@code .corpus} files), format version 1, in the layout of {@link
 * dev.aisle.format}. The body holds, in order: the provenance as JSON, the product vocabulary with
 * counts, customer ids, event type names, then per session the customer, the start time (delta to
 * the previous session) and per event the product ordinal, the time delta to the previous event and
 * the type; last the catalog. Times are deltas, so a session costs a few bytes an event.
 */
public final class CorpusFile {
  /** The file's first 8 bytes. */
  public static final String MAGIC = "AISLECRP";

  /** The format version this build writes (and the newest it reads). */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private CorpusFile() {}

  /**
   * Writes {@code corpus} to {@code file} atomically.
   *
   * @return the checksum recorded in the file
   */
  public static String write(Corpus corpus, Path file) {
    return ChecksummedFile.write(file, MAGIC, VERSION, encode(corpus));
  }

  /** The checksum a written copy of {@code corpus} would carry: its identity in model provenance. */
  public static String checksum(Corpus corpus) {
    return ChecksummedFile.checksum(MAGIC, VERSION, encode(corpus));
  }

  /** A corpus file with the checksum it was written with. */
  public record Loaded(Corpus corpus, String checksum) {}

  /** True when {@code file} starts like a corpus file (it may still be corrupt). */
  public static boolean isCorpus(Path file) {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      byte[] head = in.readNBytes(MAGIC.length());
      return java.util.Arrays.equals(head, MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Reads a corpus, verifying its checksum. */
  public static Corpus read(Path file) {
    return load(file).corpus();
  }

  /** Reads a corpus and returns it with its checksum. */
  public static Loaded load(Path file) {
    ChecksummedFile.Contents contents = ChecksummedFile.read(file, MAGIC, VERSION, "corpus");
    return new Loaded(decode(contents.body()), contents.checksum());
  }

  private static BinaryWriter encode(Corpus c) {
    BinaryWriter w = new BinaryWriter(c.eventCount() * 4 + c.products().size() * 16 + 1024);
    try {
      w.writeString(JSON.writeValueAsString(c.info()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode corpus provenance", e);
    }
    c.products().write(w);
    w.writeVarInt(c.customerCount());
    for (String id : c.customers()) {
      w.writeString(id);
    }
    String[] types = c.eventTypeArray();
    w.writeVarInt(types.length);
    for (String t : types) {
      w.writeString(t);
    }
    int sessions = c.sessionCount();
    w.writeVarInt(sessions);
    w.writeVarInt(c.eventCount());
    long previousStart = 0;
    for (int s = 0; s < sessions; s++) {
      w.writeVarInt(c.sessionCustomer(s) + 1);
      w.writeVarInt(c.sessionLength(s));
      long start = c.sessionTime(s);
      w.writeZigZag(start - previousStart);
      previousStart = start;
      long previous = start;
      for (int e = c.sessionStart(s); e < c.sessionEnd(s); e++) {
        w.writeVarInt(c.item(e));
        w.writeZigZag(c.time(e) - previous);
        previous = c.time(e);
        w.writeByte(c.type(e));
      }
    }
    Catalog catalog = c.catalog();
    boolean present = !catalog.isEmpty();
    w.writeByte(present ? 1 : 0);
    if (present) {
      for (int p = 0; p < catalog.size(); p++) {
        w.writeString(catalog.name(p));
        w.writeString(catalog.category(p));
        w.writeFloat(catalog.price(p));
        w.writeByte(catalog.stock(p).ordinal());
        w.writeString(catalog.image(p));
      }
    }
    return w;
  }

  private static Corpus decode(BinaryReader r) {
    CorpusInfo info;
    try {
      info = JSON.readValue(r.readString(), CorpusInfo.class);
    } catch (JsonProcessingException e) {
      throw new BadInputException(r.source() + ": corrupt corpus provenance: " + e.getOriginalMessage());
    }
    ProductIndex products = ProductIndex.read(r);
    int productCount = products.size();
    String[] customers = new String[r.readCount(Integer.MAX_VALUE - 8, "customer count")];
    for (int i = 0; i < customers.length; i++) {
      customers[i] = r.readString();
    }
    String[] types = new String[r.readCount(127, "event type count")];
    for (int i = 0; i < types.length; i++) {
      types[i] = r.readString();
    }
    int sessions = r.readCount(Integer.MAX_VALUE - 8, "session count");
    int events = r.readCount(Integer.MAX_VALUE - 8, "event count");
    int[] offsets = new int[sessions + 1];
    int[] sessionCustomer = new int[sessions];
    int[] items = new int[events];
    long[] times = new long[events];
    byte[] typeOf = new byte[events];
    long start = 0;
    int e = 0;
    for (int s = 0; s < sessions; s++) {
      sessionCustomer[s] = r.readCount(customers.length, "customer ordinal") - 1;
      int len = r.readCount(events - e, "session length");
      start += r.readZigZag();
      long t = start;
      offsets[s] = e;
      for (int i = 0; i < len; i++, e++) {
        items[e] = r.readCount(productCount - 1, "product ordinal");
        t += r.readZigZag();
        times[e] = t;
        typeOf[e] = (byte) r.readCount(types.length - 1, "event type");
      }
    }
    offsets[sessions] = e;
    if (e != events) {
      throw new BadInputException(r.source() + ": corrupt corpus: " + e + " events, header says "
          + events);
    }
    Catalog.Builder catalog = new Catalog.Builder(productCount);
    if (r.readByte() == 1) {
      Catalog.Stock[] stock = Catalog.Stock.values();
      for (int p = 0; p < productCount; p++) {
        catalog.name(p, r.readString());
        catalog.category(p, r.readString());
        catalog.price(p, r.readFloat());
        catalog.stock(p, stock[r.readCount(stock.length - 1, "stock")]);
        catalog.image(p, r.readString());
      }
    }
    if (!r.atEnd()) {
      throw new BadInputException(r.source() + ": corrupt corpus: bytes left after the catalog");
    }
    return new Corpus(products, customers, types, offsets, sessionCustomer,
        items, times, typeOf, catalog.build(), info);
  }
}
