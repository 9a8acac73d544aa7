package dev.aisle.spark.item2vec;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.transform;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.model.item2vec.Item2VecModel;
import dev.aisle.model.item2vec.Item2VecOptions;
import dev.aisle.spark.session.Sessions;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * item2vec with Spark ML's {@link Word2Vec}: sessions are sentences of product ordinals. Spark's
 * Word2Vec is skip-gram with hierarchical softmax (no negative sampling, no subsampling), trained
 * per partition and averaged after every iteration.
 *
 * <table>
 *   <caption>Aisle's options in Spark ML's names</caption>
 *   <tr><th>Aisle</th><th>Spark ML</th></tr>
 *   <tr><td>dim</td><td>vectorSize</td></tr>
 *   <tr><td>window</td><td>windowSize</td></tr>
 *   <tr><td>epochs</td><td>maxIter</td></tr>
 *   <tr><td>alpha</td><td>stepSize</td></tr>
 *   <tr><td>negative, sample, min-alpha</td><td>(none: hierarchical softmax, no subsampling,
 *       Spark's own decay)</td></tr>
 * </table>
 */
public final class SparkWord2Vec {
  private SparkWord2Vec() {}

  /**
   * Trains on the cleaned sessions.
   *
   * @param partitions Spark ML's numPartitions: how many parts train at once
   */
  public static Item2VecModel train(Sessions sessions, Item2VecOptions options, long seed,
      int partitions) {
    ProductIndex products = sessions.products();
    Dataset<Row> sentences = sessions.sessions().select(transform(col("events"),
        e -> e.getField("ordinal").cast(DataTypes.StringType)).as("words"));
    Word2VecModel model = new Word2Vec().setInputCol("words").setOutputCol("vector")
        .setVectorSize(options.dim()).setWindowSize(options.window()).setMinCount(1)
        .setMaxIter(options.epochs()).setStepSize(options.alpha()).setSeed(seed)
        .setNumPartitions(partitions).setMaxSentenceLength(1000)
        .fit(sentences);
    int dim = options.dim();
    float[] vectors = new float[products.size() * dim];
    for (Row r : model.getVectors().collectAsList()) {
      int p = Integer.parseInt(r.getString(0));
      Vector v = (Vector) r.get(1);
      for (int i = 0; i < dim; i++) {
        vectors[p * dim + i] = (float) v.apply(i);
      }
    }
    return Item2VecModel.of(products, options, vectors);
  }
}
