package dev.aisle.rank;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.NearestScan;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.model.VectorModel;
import dev.aisle.modelfile.Algorithm;
import java.util.ArrayList;
import java.util.List;

/**
 * The models that propose candidates, in a fixed order: session-kNN, sequential co-occurrence,
 * item2vec, SVD and popularity, each asked by its {@link CandidateSource}. Immutable; thread-safe
 * for queries as the models are.
 */
final class CandidateModels {
  /** The candidate models' algorithm names, in feature order. */
  static final List<String> PARTS = List.of("sknn", "cooc", "item2vec", "svd", "pop");

  private final List<Recommender> models;
  private final List<CandidateSource> sources;

  private CandidateModels(List<Recommender> models, List<NearestScan> scans) {
    this.models = List.copyOf(models);
    List<CandidateSource> s = new ArrayList<>();
    int e = 0;
    for (Recommender m : models) {
      s.add(CandidateSource.of(m, m instanceof EmbeddingModel && scans != null ? scans.get(e++)
          : null));
    }
    this.sources = List.copyOf(s);
  }

  private CandidateModels(List<Recommender> models) {
    this(models, null);
  }

  /** The embedding models among them, in order. */
  List<EmbeddingModel> embeddings() {
    List<EmbeddingModel> out = new ArrayList<>();
    for (Recommender m : models) {
      if (m instanceof EmbeddingModel e) {
        out.add(e);
      }
    }
    return List.copyOf(out);
  }

  /** The same models, the embedding models' top products found by {@code scans}, in order. */
  CandidateModels withScans(List<NearestScan> scans) {
    int want = embeddings().size();
    if (scans.size() != want) {
      throw new IllegalArgumentException("expected " + want + " scans, one per embedding model, "
          + "got " + scans.size());
    }
    return new CandidateModels(models, scans);
  }

  /** Trains every candidate model on {@code corpus}, each with its options from {@code o}. */
  static CandidateModels train(Corpus corpus, RankOptions o, TrainContext context) {
    List<Recommender> models = new ArrayList<>();
    for (String part : PARTS) {
      Algorithm a = Algorithm.fromLabel(part);
      models.add(a.prepare(new Params(o.parts().get(part))).train(corpus, context));
    }
    return new CandidateModels(models);
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
  }

  static CandidateModels read(BinaryReader in, ProductIndex products) {
    List<Recommender> models = new ArrayList<>();
    for (String part : PARTS) {
      models.add(Algorithm.fromLabel(part).read(in, products));
    }
    return new CandidateModels(models);
  }
}
