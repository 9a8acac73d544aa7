package dev.aisle.modelfile;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.model.cooc.CoocOptions;
import dev.aisle.model.dense.DenseModel;
import dev.aisle.model.dense.DenseOptions;
import dev.aisle.model.dense.DenseTrainer;
import dev.aisle.model.glove.GloveModel;
import dev.aisle.model.glove.GloveOptions;
import dev.aisle.model.glove.GloveTrainer;
import dev.aisle.model.gru4rec.Gru4RecModel;
import dev.aisle.model.gru4rec.Gru4RecOptions;
import dev.aisle.model.gru4rec.Gru4RecTrainer;
import dev.aisle.model.hybrid.HybridModel;
import dev.aisle.model.hybrid.HybridOptions;
import dev.aisle.model.item2vec.Item2VecModel;
import dev.aisle.model.item2vec.Item2VecOptions;
import dev.aisle.model.item2vec.Item2VecTrainer;
import dev.aisle.model.pop.PopularityModel;
import dev.aisle.model.pop.PopularityOptions;
import dev.aisle.model.sknn.SknnModel;
import dev.aisle.model.sknn.SknnOptions;
import dev.aisle.model.svd.SvdModel;
import dev.aisle.model.svd.SvdOptions;
import dev.aisle.model.svd.SvdTrainer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Every algorithm Aisle has, by the name used on the command line and in model files: how to
 * train it from {@link Params} and how to read it back.
 */
public enum Algorithm {
  POP("pop", "popularity, overall and per category", p -> {
    PopularityOptions o = PopularityOptions.from(p);
    return new Training(o, (c, ctx) -> PopularityModel.train(c, o));
  }, PopularityModel::read),
  COOC("cooc", "co-occurrence in sessions scored by count, cosine or LLR (Dunning's G2)", p -> {
    CoocOptions o = CoocOptions.from(p);
    return new Training(o, (c, ctx) -> CoocModel.train(c, o, ctx));
  }, CoocModel::read),
  SKNN("sknn", "session-kNN: SKNN, V-SKNN and STAN weightings", p -> {
    SknnOptions o = SknnOptions.from(p);
    return new Training(o, (c, ctx) -> SknnModel.train(c, o));
  }, SknnModel::read),
  ITEM2VEC("item2vec", "product embeddings: skip-gram with negative sampling over sessions", p -> {
    Item2VecOptions o = Item2VecOptions.from(p);
    return new Training(o, (c, ctx) -> Item2VecTrainer.train(c, o, ctx));
  }, Item2VecModel::read),
  HYBRID("hybrid", "weighted blend of session-kNN, sequential co-occurrence and item2vec", p -> {
    HybridOptions o = HybridOptions.from(p);
    return new Training(o, (c, ctx) -> trainHybrid(c, o, ctx));
  }, (in, products) -> HybridModel.read(in, products,
      (label, r) -> fromLabel(label).read(r, products))),
  DENSE("dense", "the talk's network: one-hot product, Dense(2N, relu), Dense(N, softmax), "
      + "RMSprop", p -> {
    DenseOptions o = DenseOptions.from(p);
    return new Training(o, (c, ctx) -> DenseTrainer.train(c, o, ctx));
  }, DenseModel::read),
  GLOVE("glove", "GloVe vectors fitted to the session co-occurrence matrix (AdaGrad, Hogwild)",
      p -> {
        GloveOptions o = GloveOptions.from(p);
        return new Training(o, (c, ctx) -> GloveTrainer.train(c, o, ctx));
      }, GloveModel::read),
  SVD("svd", "truncated randomized SVD of the shifted positive PMI co-occurrence matrix", p -> {
    SvdOptions o = SvdOptions.from(p);
    return new Training(o, (c, ctx) -> SvdTrainer.train(c, o, ctx));
  }, SvdModel::read),
  GRU4REC("gru4rec", "GRU4Rec: a GRU over the session, cross-entropy over sampled negatives with "
      + "logQ correction (Hidasi and Czapp, RecSys 2023)", p -> {
    Gru4RecOptions o = Gru4RecOptions.from(p);
    return new Training(o, (c, ctx) -> Gru4RecTrainer.train(c, o, ctx));
  }, Gru4RecModel::read),
  RANK("rank", "learned ranker: XGBoost orders the candidates of sknn, cooc, item2vec, svd and "
      + "pop", p -> LearnedRanker.find().prepare(p),
      (in, products) -> LearnedRanker.find().read(in, products));

  private static Recommender trainHybrid(Corpus corpus, HybridOptions o, TrainContext context) {
    TrainContext ctx = context.withoutEpochs(); // the parts' epochs are not the blend's
    List<Recommender> parts = new java.util.ArrayList<>();
    List<Double> weights = new java.util.ArrayList<>();
    if (o.sknnWeight() > 0) {
      parts.add(SKNN.prepare(new Params(o.sknn())).train(corpus, ctx));
      weights.add(o.sknnWeight());
    }
    if (o.coocWeight() > 0) {
      ctx.checkCancelled();
      parts.add(COOC.prepare(new Params(o.cooc())).train(corpus, ctx));
      weights.add(o.coocWeight());
    }
    if (o.item2vecWeight() > 0) {
      ctx.checkCancelled();
      parts.add(ITEM2VEC.prepare(new Params(o.item2vec())).train(corpus, ctx));
      weights.add(o.item2vecWeight());
    }
    return HybridModel.of(parts, weights.stream().mapToDouble(Double::doubleValue).toArray(),
        o.repeatWeight(), o.repeatDecay());
  }

  /**
   * A training run with its options resolved and checked.
   *
   * @param options the algorithm's options record (recorded as provenance)
   * @param run trains on a corpus
   */
  public record Training(Object options, BiFunction<Corpus, TrainContext, Recommender> run) {
    public Recommender train(Corpus corpus, TrainContext context) {
      return run.apply(corpus, context);
    }
  }

  /** Resolves an algorithm's options from parameters. */
  @FunctionalInterface
  interface Trainer {
    Training prepare(Params params);
  }

  /** Reads a model's parameters back. */
  @FunctionalInterface
  interface Reader {
    Recommender read(BinaryReader in, ProductIndex products);
  }

  private final String label;
  private final String description;
  private final Trainer trainer;
  private final Reader reader;

  Algorithm(String label, String description, Trainer trainer, Reader reader) {
    this.label = label;
    this.description = description;
    this.trainer = trainer;
    this.reader = reader;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  /**
   * True for the algorithms trained in epochs (dense, glove, item2vec, gru4rec): they report
   * every epoch through {@link TrainContext#epochDone}, so they have learning curves and can stop
   * early.
   */
  public boolean iterative() {
    return this == ITEM2VEC || this == DENSE || this == GLOVE || this == GRU4REC;
  }

  /**
   * Resolves and checks the options, before any training starts.
   *
   * @throws IllegalArgumentException for an unknown or invalid parameter
   */
  public Training prepare(Params params) {
    Training t = trainer.prepare(params);
    params.checkAllUsed(label);
    return t;
  }

  /** Reads a model of this algorithm back: its parameters, over the vocabulary already read. */
  public Recommender read(BinaryReader in, ProductIndex products) {
    return reader.read(in, products);
  }

  /** The algorithm with this name; the error lists the known ones. */
  public static Algorithm fromLabel(String label) {
    for (Algorithm a : values()) {
      if (a.label.equals(label.trim().toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown algorithm '" + label + "'; use one of "
        + String.join(", ", labels()));
  }

  /**
   * True when this build can train and read the algorithm: {@code rank} needs the aisle-rank
   * module (XGBoost) on the class path, which the command line has and the Spark job has not.
   */
  public boolean available() {
    return this != RANK || LearnedRanker.present();
  }

  /**
   * Parses a comma-separated list; {@code all} means every {@linkplain #available available}
   * algorithm.
   */
  public static List<Algorithm> parseList(String list) {
    if (list.trim().equalsIgnoreCase("all")) {
      return Arrays.stream(values()).filter(Algorithm::available).toList();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(Algorithm::fromLabel).distinct().toList();
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(Algorithm::label).toList();
  }
}
