package dev.aisle.tune;

import static dev.aisle.tune.Dimension.choice;
import static dev.aisle.tune.Dimension.ints;
import static dev.aisle.tune.Dimension.reals;

import dev.aisle.modelfile.Algorithm;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ranges {@link Tuner} searches, per algorithm. Names are our {@code -p} names; the papers'
 * names are in brackets.
 *
 * <table>
 *   <caption>Search ranges</caption>
 *   <tr><th>algorithm</th><th>ranges</th><th>after</th></tr>
 *   <tr><td>pop</td><td>by-category: true|false</td><td></td></tr>
 *   <tr><td>cooc</td><td>window 1..20, directed, distance-weight, score count|cosine|llr,
 *     top 50..500 (log), session-weighting last|linear|exp, lambda 0.25..8 (log)</td>
 *     <td>Ludewig and Jannach's sequential rules (SR), "Evaluation of session-based
 *     recommendation algorithms", UMUAI 2018; LLR after Dunning 1993</td></tr>
 *   <tr><td>sknn</td><td>k 50..500 (log) [k], sample 500..5000 (log) [m], weighting
 *     uniform|linear|exp [SKNN, V-SKNN, STAN], lambda1 0.25..8 (log) [lambda_1], lambda2
 *     0.25..30 days (log) [lambda_2], lambda3 0.25..10 (log) [lambda_3], idf, normalize</td>
 *     <td>Ludewig and Jannach 2018 (SKNN, V-SKNN); Garg et al., "Sequence and time aware
 *     neighborhood for session-based recommendations: STAN", SIGIR 2019</td></tr>
 *   <tr><td>item2vec</td><td>dim 32..128 (log) [size], window 1..10 [window], negative 3..20
 *     (log) [negative], sample 1e-5..1e-2 (log) [sample], epochs 10..80 (log) [iter], alpha
 *     0.005..0.1 (log) [alpha], session-weighting last|linear|exp, lambda 0.25..8 (log)</td>
 *     <td>Barkan and Koenigstein, "Item2Vec", 2016; Caselles-Dupre et al., "Word2vec applied
 *     to recommendation: hyperparameters matter", RecSys 2018</td></tr>
 *   <tr><td>svd</td><td>dim 32..256 (log) [d], window 1..10 [win], cds 0.5..1 [alpha], neg
 *     1..10 (log) [k], eig 0..1 [p], session-weighting last|linear|exp, lambda 0.25..8
 *     (log)</td><td>Levy, Goldberg and Dagan, "Improving distributional similarity with lessons
 *     learned from word embeddings", TACL 2015</td></tr>
 *   <tr><td>glove</td><td>dim 32..256 (log) [d], window 1..10, x-max 1..100 (log) [x_max],
 *     alpha 0.5..1 [alpha], eta 0.01..0.1 (log) [eta], epochs 2..10, session-weighting,
 *     lambda</td><td>Pennington, Socher and Manning, "GloVe", EMNLP 2014</td></tr>
 *   <tr><td>dense</td><td>hidden-multiplier 0.5..2, epochs 2..6, learning-rate 3e-4..3e-3
 *     (log) [RMSprop's lr], session-weighting last|linear|exp</td><td>the talk's network</td></tr>
 *   <tr><td>hybrid</td><td>w-sknn 0.2..2, w-cooc 0..1, w-item2vec 0..1, w-repeat 0..2,
 *     repeat-decay 0.25..4 (log); its parts keep their own tuned settings</td><td>Burke's
 *     weighted hybrid, "Hybrid recommender systems: survey and experiments", UMUAI 2002</td></tr>
 *   <tr><td>gru4rec</td><td>layers 64..256 (log) [layers], learning-rate 0.01..0.25 (log)
 *     [learning_rate], dropout-p-hidden 0..0.7 [dropout_p_hidden], momentum 0..0.9 [momentum],
 *     n-sample 256..4096 (log) [n_sample], sample-alpha 0..1 [sample_alpha], logq 0|1 [logq],
 *     epochs 3..15 [n_epochs]</td><td>Hidasi and Czapp, "The effect of third party
 *     implementations on reproducibility", RecSys 2023 (the official code's parameter space,
 *     with the layer size capped for CPU time)</td></tr>
 *   <tr><td>rank</td><td>no ranges: one trial with the tuned settings of its candidate models;
 *     XGBoost's rounds are chosen by early stopping inside it. Searching its own options was
 *     measured (README) and overfit a small shop's held-out split</td><td></td></tr>
 * </table>
 */
public final class SearchSpace {
  private static final List<String> WEIGHTINGS = List.of("last", "linear", "exp");

  private SearchSpace() {}

  /** The ranges searched for {@code algorithm}; empty when it has none. */
  public static List<Dimension> of(Algorithm algorithm) {
    switch (algorithm) {
      case POP:
        return List.of(choice("by-category", "true", "false"));
      case COOC:
        return List.of(ints("window", 1, 20, false), choice("directed", "true", "false"),
            choice("distance-weight", "true", "false"), choice("score", "count", "cosine", "llr"),
            ints("top", 50, 500, true), weighting("session-weighting"),
            reals("lambda", 0.25, 8, true));
      case SKNN:
        return List.of(ints("k", 50, 500, true), ints("sample", 500, 5000, true),
            choice("weighting", "uniform", "linear", "exp"), reals("lambda1", 0.25, 8, true),
            reals("lambda2", 0.25, 30, true), reals("lambda3", 0.25, 10, true),
            choice("idf", "true", "false"), choice("normalize", "false", "true"));
      case ITEM2VEC:
        return List.of(ints("dim", 32, 128, true), ints("window", 1, 10, false),
            ints("negative", 3, 20, true), reals("sample", 1e-5, 1e-2, true),
            ints("epochs", 10, 80, true), reals("alpha", 0.005, 0.1, true),
            weighting("session-weighting"), reals("lambda", 0.25, 8, true));
      case SVD:
        return List.of(ints("dim", 32, 256, true), ints("window", 1, 10, false),
            reals("cds", 0.5, 1, false), reals("neg", 1, 10, true), reals("eig", 0, 1, false),
            weighting("session-weighting"), reals("lambda", 0.25, 8, true));
      case GLOVE:
        return List.of(ints("dim", 32, 256, true), ints("window", 1, 10, false),
            reals("x-max", 1, 100, true), reals("alpha", 0.5, 1, false),
            reals("eta", 0.01, 0.1, true), ints("epochs", 2, 10, false),
            weighting("session-weighting"), reals("lambda", 0.25, 8, true));
      case DENSE:
        return List.of(reals("hidden-multiplier", 0.5, 2, false), ints("epochs", 2, 6, false),
            reals("learning-rate", 3e-4, 3e-3, true), weighting("session-weighting"));
      case HYBRID:
        return List.of(reals("w-sknn", 0.2, 2, false), reals("w-cooc", 0, 1, false),
            reals("w-item2vec", 0, 1, false), reals("w-repeat", 0, 2, false),
            reals("repeat-decay", 0.25, 4, true));
      case GRU4REC:
        return List.of(ints("layers", 64, 256, true), reals("learning-rate", 0.01, 0.25, true),
            reals("dropout-p-hidden", 0, 0.7, false), reals("momentum", 0, 0.9, false),
            ints("n-sample", 256, 4096, true), reals("sample-alpha", 0, 1, false),
            choice("logq", "0", "1"), ints("epochs", 3, 15, false));
      case RANK:
        return List.of();
      default:
        throw new AssertionError(algorithm);
    }
  }

  /**
   * The algorithms whose tuned settings {@code algorithm} takes for its parts (as {@code
   * part.name=value} parameters): they are tuned first.
   */
  public static List<Algorithm> parts(Algorithm algorithm) {
    switch (algorithm) {
      case HYBRID:
        return List.of(Algorithm.SKNN, Algorithm.COOC, Algorithm.ITEM2VEC);
      case RANK:
        return List.of(Algorithm.SKNN, Algorithm.COOC, Algorithm.ITEM2VEC, Algorithm.SVD,
            Algorithm.POP);
      default:
        return List.of();
    }
  }

  /** The parameters at point {@code u} of the ranges of {@code algorithm}. */
  static Map<String, String> at(Algorithm algorithm, double[] u) {
    List<Dimension> dims = of(algorithm);
    Map<String, String> p = new TreeMap<>();
    for (int d = 0; d < dims.size(); d++) {
      p.put(dims.get(d).name(), dims.get(d).value(u[d]));
    }
    if (algorithm == Algorithm.SKNN) { // session-kNN samples at least the k it keeps
      int k = Integer.parseInt(p.get("k"));
      p.put("sample", Integer.toString(Math.max(k, Integer.parseInt(p.get("sample")))));
    }
    return p;
  }

  private static Dimension weighting(String name) {
    return choice(name, WEIGHTINGS.toArray(String[]::new));
  }
}
