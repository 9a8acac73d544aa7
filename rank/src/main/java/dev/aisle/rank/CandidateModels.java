package dev.aisle.rank;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.model.VectorModel;
import dev.aisle.modelfile.Algorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models that propose candidates, in a fixed order: session-kNN, sequential co-occurrence,
 * item2vec, SVD and popularity, each asked by its {@link CandidateSource}; the embedding models
 * with their {@link CosineNeighbours}, as long as the candidates asked of each model. Immutable;
 * thread-safe for queries as the models are.
 */
final class CandidateModels {
  private static final Logger LOG = LoggerFactory.getLogger(CandidateModels.class);

  /** The candidate models' algorithm names, in feature order. */
  static final List<String> PARTS = List.of("sknn", "cooc", "item2vec", "svd", "pop");

  private final List<Recommender> models;
  private final List<CosineNeighbours> neighbours;
  private final List<CandidateSource> sources;

  /** {@code neighbours}: one per embedding model, in order. */
  private CandidateModels(List<Recommender> models, List<CosineNeighbours> neighbours) {
    this.models = List.copyOf(models);
    this.neighbours = List.copyOf(neighbours);
    List<CandidateSource> s = new ArrayList<>();
    int e = 0;
    for (Recommender m : models) {
      s.add(CandidateSource.of(m, m instanceof EmbeddingModel ? neighbours.get(e++) : null));
    }
    this.sources = List.copyOf(s);
  }

  /**
   * Trains every candidate model on {@code corpus}, each with its options from {@code o}, and
   * lists each embedding model's {@code candidates} nearest products of every product.
   */
  static CandidateModels train(Corpus corpus, RankOptions o, TrainContext context) {
    List<Recommender> models = new ArrayList<>();
    List<CosineNeighbours> neighbours = new ArrayList<>();
    for (String part : PARTS) {
      Algorithm a = Algorithm.fromLabel(part);
      Recommender m = a.prepare(new Params(o.parts().get(part))).train(corpus, context);
      models.add(m);
      if (m instanceof EmbeddingModel e) {
        long start = System.nanoTime();
        neighbours.add(CosineNeighbours.compute(e, o.candidates(), context.threads()));
        LOG.info(String.format(Locale.ROOT, "rank: %s's %d nearest products of each of %,d "
            + "products in %.1f s", part, o.candidates(), e.products().size(),
            (System.nanoTime() - start) / 1e9));
      }
    }
    return new CandidateModels(models, neighbours);
  }

  int size() {
    return models.size();
  }

  Recommender get(int i) {
    return models.get(i);
  }

  /** How to ask model {@code i}. */
  CandidateSource source(int i) {
    return sources.get(i);
  }

  /** The item2vec model, whose vectors give the cosine features. */
  VectorModel item2vec() {
    return (VectorModel) models.get(PARTS.indexOf("item2vec"));
  }

  void write(BinaryWriter out) {
    for (Recommender m : models) {
      m.write(out);
    }
    for (CosineNeighbours n : neighbours) {
      n.write(out);
    }
  }

  static CandidateModels read(BinaryReader in, ProductIndex products) {
    List<Recommender> models = new ArrayList<>();
    List<CosineNeighbours> neighbours = new ArrayList<>();
    for (String part : PARTS) {
      models.add(Algorithm.fromLabel(part).read(in, products));
    }
    for (Recommender m : models) {
      if (m instanceof EmbeddingModel) {
        neighbours.add(CosineNeighbours.read(in, products.size()));
      }
    }
    return new CandidateModels(models, neighbours);
  }
}
