package dev.aisle.server.models;

import dev.aisle.model.ProductLabels;
import dev.aisle.model.Recommender;
import dev.aisle.modelfile.ModelFile;
import dev.aisle.server.shop.ProductCard;
import dev.aisle.server.shop.Shop;
import dev.aisle.server.vectors.BuildProgress;
import dev.aisle.server.vectors.Retrieval;
import java.nio.file.Path;

/**
 * A model as the server holds it: loaded from its file, its products as the API shows them, and
 * the way it answers ({@link Retrieval}: its own scores, neighbour lists or HNSW). Its labels are
 * the catalog's names and categories by the model's ordinals.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the name requests use ({@code ?model=NAME})
 * @param path the model file, for reloads
 * @param loaded the model with its provenance
 * @param cards the model's products as the API shows them, by ordinal
 * @param retrieval how it answers
 */
public record ServedModel(String name, Path path, ModelFile.Loaded loaded, ProductCard[] cards,
    Retrieval retrieval) implements ProductLabels {

  /**
   * Serves a loaded model, mapping its saved indexes or building (and saving) them now (see
   * {@link Retrieval#load}).
   */
  static ServedModel of(String name, Path path, ModelFile.Loaded loaded, Shop shop,
      int annThreshold, int neighbourListMax, BuildProgress progress) {
    return new ServedModel(name, path, loaded, shop.cards(loaded.model().products()),
        Retrieval.load(name, path, loaded.checksum(), loaded.model(), annThreshold,
            neighbourListMax, progress));
  }

  public Recommender model() {
    return loaded.model();
  }

  /** The product of an ordinal as the API shows it. */
  public ProductCard card(int ordinal) {
    return cards[ordinal];
  }

  @Override
  public String name(int product) {
    return cards[product].name();
  }

  @Override
  public String category(int product) {
    return cards[product].category();
  }
}
