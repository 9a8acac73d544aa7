package dev.aisle.generate;

import java.nio.file.Path;

/**
 * What {@link StoreGenerator#generate} wrote.
 *
 * @param dir the shop folder
 * @param products products in the catalog
 * @param customers customers in the log (each has at least one session)
 * @param sessions browse sessions, as planted (a 30-minute gap splitter finds the same ones)
 * @param events rows of the log, views and carts
 * @param carts of which {@code cart} events
 * @param eventBytes size of the log file in bytes
 * @param images SVG files written
 */
public record GeneratorResult(Path dir, int products, int customers, long sessions, long events,
    long carts, long eventBytes, int images) {

  /** The browse log: {@code dir/events.csv}. */
  public Path eventsFile() {
    return dir.resolve(StoreGenerator.EVENTS_FILE);
  }

  /** The catalog: {@code dir/catalog.csv}. */
  public Path catalogFile() {
    return dir.resolve(StoreGenerator.CATALOG_FILE);
  }

  /** The image folder: {@code dir/images}. */
  public Path imagesDir() {
    return dir.resolve(StoreGenerator.IMAGES_DIR);
  }
}
