package dev.aisle.eval;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import dev.aisle.model.ModelInfo;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.model.TrainContext;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.ModelFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains several algorithms on one training corpus and evaluates each on the same test sessions:
 * the table of {@code aisle evaluate}.
 */
public final class Comparison {
  private Comparison() {}

  /**
   * One model's line of the table.
   *
   * @param model the algorithm name
   * @param metrics metric name to value
   * @param trainSeconds wall time of training
   * @param modelBytes size of the model file
   * @param p50Millis median prediction time
   * @param p99Millis 99th percentile prediction time
   * @param info how the model was made
   */
  public record Row(String model, Map<String, Double> metrics, double trainSeconds,
      long modelBytes, double p50Millis, double p99Millis, ModelInfo info) {

    /** The row as the JSON object of {@code --json}: metrics first, then cost. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", model);
      m.putAll(metrics);
      m.put("train_seconds", trainSeconds);
      m.put("model_bytes", modelBytes);
      m.put("p50_ms", p50Millis);
      m.put("p99_ms", p99Millis);
      m.put("options", info.options());
      return m;
    }
  }

  /**
   * Evaluates a model made elsewhere (e.g. vectors from another tool), with no training time.
   *
   * @param name the row's name
   * @param info what is known of how the model was made
   */
  public static Row evaluate(String name, Recommender model, ModelInfo info, TestSessions test,
      int[] ks) {
    Evaluator.Result r = Evaluator.evaluate(model, test, ks, null);
    return new Row(name, r.metrics(), 0, ModelFile.sizeOf(model, info), r.p50Millis(),
        r.p99Millis(), info);
  }

  /**
   * Trains and evaluates every algorithm in turn.
   *
   * @param params per algorithm, its parameters (absent = defaults)
   * @param log receives one line per finished step, for people watching
   */
  public static List<Row> run(Corpus train, TestSessions test, List<Algorithm> algorithms,
      Map<Algorithm, Params> params, int[] ks, long seed, int threads, Consumer<String> log) {
    String checksum = CorpusFile.checksum(train);
    List<Row> rows = new ArrayList<>();
    for (Algorithm a : algorithms) {
      Algorithm.Training training = a.prepare(params.getOrDefault(a, Params.none()));
      long t0 = System.nanoTime();
      Recommender model = training.train(train, new TrainContext(seed, threads, null, null));
      double trainSeconds = (System.nanoTime() - t0) / 1e9;
      ModelInfo info = ModelFile.info(model, training, seed, threads, checksum,
          train.eventCount());
      long bytes = ModelFile.sizeOf(model, info);
      Evaluator.Result r = Evaluator.evaluate(model, test, ks, null);
      Row row = new Row(a.label(), r.metrics(), trainSeconds, bytes, r.p50Millis(),
          r.p99Millis(), info);
      rows.add(row);
      if (log != null) {
        log.accept(String.format(java.util.Locale.ROOT,
            "%s: trained in %.1f s, evaluated %d predictions", a.label(), trainSeconds,
            r.predictions()));
      }
    }
    return rows;
  }
}
