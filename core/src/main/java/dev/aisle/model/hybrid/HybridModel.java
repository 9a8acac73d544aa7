package dev.aisle.model.hybrid;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.model.Explainer;
import dev.aisle.model.ProductLabels;
import dev.aisle.model.Recommender;
import dev.aisle.model.cooc.CoocModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Scores = sum over components of weight x component scores / their maximum. Components score
 * independently, so the blend is exactly as thread-safe as they are (all Aisle models are).
 *
 * <pre>
 * HybridModel h = HybridModel.of(List.of(sknn, cooc), new double[] {1.0, 0.4});
 * </pre>
 */
public final class HybridModel implements Recommender {
  private final List<Recommender> components;
  private final double[] weights;
  private final double repeatWeight;
  private final double repeatDecay;
  private final ThreadLocal<float[]> scratch;

  private HybridModel(List<Recommender> components, double[] weights, double repeatWeight,
      double repeatDecay) {
    if (components.isEmpty() || components.size() != weights.length) {
      throw new IllegalArgumentException("need one weight per component, got "
          + weights.length + " for " + components.size());
    }
    ProductIndex products = components.get(0).products();
    for (Recommender r : components) {
      if (!r.products().equals(products)) {
        throw new IllegalArgumentException("components must be trained on the same corpus");
      }
    }
    this.components = List.copyOf(components);
    this.weights = weights.clone();
    this.repeatWeight = repeatWeight;
    this.repeatDecay = repeatDecay;
    this.scratch = ThreadLocal.withInitial(() -> new float[products.size()]);
  }

  /**
   * Blends {@code components} (trained on one corpus) with {@code weights}, plus a repeat signal:
   * products of the session itself score {@code repeatWeight} x exp(-steps back / {@code
   * repeatDecay}) (scaled to a maximum of 1), since shoppers return to what they just viewed.
   */
  public static HybridModel of(List<Recommender> components, double[] weights,
      double repeatWeight, double repeatDecay) {
    return new HybridModel(components, weights, repeatWeight, repeatDecay);
  }

  @Override
  public String algorithm() {
    return "hybrid";
  }

  @Override
  public ProductIndex products() {
    return components.get(0).products();
  }

  /**
   * The sessions of a co-occurrence component that browsed both products where there is one,
   * else "similar to Linen cushion" and, for a session, "browsed in sessions like yours".
   */
  @Override
  public Explainer explainer(ProductLabels labels) {
    Explainer otherwise = Explainer.worded(labels, "similar to ", "browsed in sessions like yours");
    for (Recommender r : components) {
      if (r instanceof CoocModel) {
        return Explainer.bySessionsTogether(((CoocModel) r)::sessionsTogether, labels, otherwise);
      }
    }
    return otherwise;
  }

  /** The components with their weights, for explanations. */
  public List<Recommender> components() {
    return components;
  }

  @Override
  public void scoreNext(int[] session, float[] scores) {
    blend(scores, (r, out) -> {
      r.scoreNext(session, out);
      return null;
    });
    if (repeatWeight > 0) {
      float[] part = scratch.get();
      float max = 0;
      for (int p : session) {
        part[p] = 0;
      }
      for (int i = 0; i < session.length; i++) {
        part[session[i]] += (float) Math.exp(-(session.length - 1 - i) / repeatDecay);
        max = Math.max(max, part[session[i]]);
      }
      for (int p : session) {
        if (part[p] > 0) {
          scores[p] += (float) (repeatWeight * part[p] / max);
          part[p] = 0;
        }
      }
    }
  }

  @Override
  public void scoreRelated(int product, float[] scores) {
    blend(scores, (r, out) -> {
      r.scoreRelated(product, out);
      return null;
    });
  }

  private void blend(float[] scores, BiFunction<Recommender, float[], Void> score) {
    java.util.Arrays.fill(scores, 0);
    float[] part = scratch.get();
    for (int c = 0; c < components.size(); c++) {
      if (weights[c] == 0) {
        continue;
      }
      score.apply(components.get(c), part);
      float max = 0;
      for (float v : part) {
        max = Math.max(max, v);
      }
      if (max <= 0) {
        continue;
      }
      float scale = (float) (weights[c] / max);
      for (int p = 0; p < scores.length; p++) {
        scores[p] += part[p] * scale;
      }
    }
  }

  @Override
  public void write(BinaryWriter out) {
    out.writeDouble(repeatWeight);
    out.writeDouble(repeatDecay);
    out.writeVarInt(components.size());
    for (int c = 0; c < components.size(); c++) {
      out.writeString(components.get(c).algorithm());
      out.writeDouble(weights[c]);
      components.get(c).write(out);
    }
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @param readComponent reads one component's parameters given its algorithm name
   */
  public static HybridModel read(BinaryReader in, ProductIndex products,
      BiFunction<String, BinaryReader, Recommender> readComponent) {
    double repeatWeight = in.readDouble();
    double repeatDecay = in.readDouble();
    int n = in.readCount(16, "component count");
    List<Recommender> components = new ArrayList<>();
    double[] weights = new double[n];
    for (int c = 0; c < n; c++) {
      String algorithm = in.readString();
      weights[c] = in.readDouble();
      components.add(readComponent.apply(algorithm, in));
    }
    return new HybridModel(components, weights, repeatWeight, repeatDecay);
  }
}
