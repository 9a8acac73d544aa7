package dev.aisle.simulate;

import dev.aisle.BadInputException;
import dev.aisle.ingest.DelimitedLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The style, colour and room of each product, read from the {@code catalog.csv} that {@code aisle
 * generate} writes ({@code id,...,style,colour,room}): what simulated shoppers judge a
 * recommended product by. Also the products of each room and style, for a visit's first page.
 *
 * <p>Immutable after {@link #read} and thread-safe.
 */
public final class ShopTraits {
  /**
   * A product's planted attributes.
   *
   * @param style e.g. {@code scandinavian}
   * @param colour e.g. {@code sage}
   * @param room e.g. {@code living-room}
   */
  public record Traits(String style, String colour, String room) {}

  private final Map<String, Traits> byId;
  private final Map<String, List<String>> byRoomAndStyle;
  private final Map<String, List<String>> byRoom;

  private ShopTraits(Map<String, Traits> byId) {
    this.byId = byId;
    this.byRoomAndStyle = new HashMap<>();
    this.byRoom = new HashMap<>();
    byId.forEach((id, t) -> {
      byRoomAndStyle.computeIfAbsent(t.room() + "/" + t.style(), k -> new ArrayList<>()).add(id);
      byRoom.computeIfAbsent(t.room(), k -> new ArrayList<>()).add(id);
    });
    byRoomAndStyle.values().forEach(l -> l.sort(null));
    byRoom.values().forEach(l -> l.sort(null));
  }

  /**
   * Reads a generated shop's catalog.
   *
   * @throws BadInputException naming the file and line of a row without the needed fields, or a
   *     header without them (a catalog not written by {@code aisle generate})
   */
  public static ShopTraits read(Path catalog) {
    List<String> lines;
    try {
      lines = Files.readAllLines(catalog, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + catalog, e);
    }
    if (lines.isEmpty()) {
      throw new BadInputException(catalog + ": empty catalog");
    }
    List<String> header = fields(lines.get(0), 64, catalog, 1);
    int id = header.indexOf("id");
    int style = header.indexOf("style");
    int colour = header.indexOf("colour");
    int room = header.indexOf("room");
    if (id < 0 || style < 0 || colour < 0 || room < 0) {
      throw new BadInputException(catalog + ":1: simulated shoppers need the id, style, colour "
          + "and room columns of a catalog written by 'aisle generate'; the header has: "
          + String.join(", ", header));
    }
    int need = Math.max(Math.max(id, style), Math.max(colour, room)) + 1;
    Map<String, Traits> out = new HashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isEmpty()) {
        continue;
      }
      List<String> f = fields(lines.get(i), need, catalog, i + 1);
      if (f.size() < need) {
        throw new BadInputException(catalog + ":" + (i + 1) + ": has " + f.size()
            + " fields, the header names " + need);
      }
      out.put(f.get(id), new Traits(f.get(style), f.get(colour), f.get(room)));
    }
    if (out.isEmpty()) {
      throw new BadInputException(catalog + ": no products");
    }
    return new ShopTraits(Map.copyOf(out));
  }

  private static List<String> fields(String line, int max, Path file, int lineNumber) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    int[] starts = new int[max];
    int[] ends = new int[max];
    int n = DelimitedLine.split(b, 0, b.length, (byte) ',', starts, ends);
    if (n == DelimitedLine.UNTERMINATED_QUOTE) {
      throw new BadInputException(file + ":" + lineNumber + ": unterminated quote");
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new String(b, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8).trim());
    }
    return out;
  }

  /** The traits of a product, or null for one the catalog does not list. */
  public Traits of(String productId) {
    return byId.get(productId);
  }

  /** Products of the room and style, else of the room, else all; sorted by id. */
  public List<String> candidates(String room, String style) {
    List<String> l = byRoomAndStyle.get(room + "/" + style);
    if (l != null) {
      return l;
    }
    l = byRoom.get(room);
    return l != null ? l : byId.keySet().stream().sorted().toList();
  }

  /** Products listed. */
  public int size() {
    return byId.size();
  }
}
