package dev.aisle.search;

import dev.aisle.TestShops;
import dev.aisle.catalog.CatalogReader;
import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.generate.StoreGenerator;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import java.nio.file.Path;
import java.util.List;

/** A small generated shop with its catalog and models saved and loaded back, for engine tests. */
public final class ExportedModels {
  public final Corpus corpus;
  public final CatalogReader.Listing catalog;
  public final ModelFile.Loaded cooc;
  public final ModelFile.Loaded item2vec;

  /** A shop of 300 products and 800 customers in {@code dir}, with cooc (LLR) and item2vec models. */
  public ExportedModels(Path dir) {
    corpus = TestShops.shop(dir, 300, 800, 5);
    catalog = new CatalogReader(false).readAll(dir.resolve(StoreGenerator.CATALOG_FILE));
    // LLR indicators as the Universal Recommender has them; two-item sessions weigh 0.5 and 1
    cooc = train(dir, Algorithm.COOC, "score=llr", "session-weighting=linear");
    item2vec = train(dir, Algorithm.ITEM2VEC, "epochs=5", "dim=16");
  }

  private ModelFile.Loaded train(Path dir, Algorithm a, String... params) {
    Algorithm.Training t = a.prepare(Params.parse(List.of(params)));
    Recommender m = t.train(corpus, new TrainContext(7, 1, null, null));
    Path file = dir.resolve(a.label() + ".model");
    ModelFile.write(m, ModelFile.info(m, t, 7, 1, CorpusFile.checksum(corpus),
        corpus.eventCount()), file);
    return ModelFile.read(file);
  }

  /** The path of a model file written by this shop. */
  public static Path file(Path dir, Algorithm a) {
    return dir.resolve(a.label() + ".model");
  }
}
