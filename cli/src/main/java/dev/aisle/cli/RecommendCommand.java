package dev.aisle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aisle.BadInputException;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.model.Recommender;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.TopK;
import dev.aisle.modelfile.ModelFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aisle recommend}: a model's answer for one product or session, as JSON. */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    description = {"Print recommendations as JSON: products related to --product, or the next "
        + "products for --session (ids in browse order, oldest first).",
        "Products the model does not know are skipped from a session and reported; a session "
            + "with none known, or an unknown --product, falls back to popularity."},
    footer = {"", "Examples:", "  aisle recommend --model yc.model --product 214536502 -k 10",
        "  aisle recommend --model yc.model --session 214536502,214840762,214536500"})
final class RecommendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model file.")
  Path model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Query query;

  static final class Query {
    @Option(names = "--product", paramLabel = "ID", description = "Related to this product.")
    String product;

    @Option(names = "--session", paramLabel = "ID,...", split = ",",
        description = "Next for this session.")
    List<String> session;
  }

  @Option(names = "-k", defaultValue = "10", description = "How many. Default: ${DEFAULT-VALUE}.")
  int k;

  @Override
  public Integer call() throws Exception {
    if (k < 1 || k > 10_000) {
      throw new IllegalArgumentException("-k must be in 1..10000, was " + k);
    }
    ModelFile.Loaded loaded = ModelFile.read(model);
    Recommender r = loaded.model();
    ProductIndex products = r.products();
    float[] scores = new float[products.size()];
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", r.algorithm());
    List<String> unknown = new ArrayList<>();
    boolean fallback;
    java.util.function.IntPredicate exclude = null;
    if (query.product != null) {
      int p = products.ordinal(query.product);
      out.put("product", query.product);
      fallback = p < 0;
      if (fallback) {
        unknown.add(query.product);
        popularity(products, scores);
      } else {
        r.scoreRelated(p, scores);
        exclude = q -> q == p;
      }
    } else {
      List<Integer> known = new ArrayList<>();
      for (String id : query.session) {
        int p = products.ordinal(id.trim());
        if (p < 0) {
          unknown.add(id.trim());
        } else {
          known.add(p);
        }
      }
      out.put("session", query.session);
      fallback = known.isEmpty();
      if (fallback) {
        popularity(products, scores);
      } else {
        r.scoreNext(known.stream().mapToInt(Integer::intValue).toArray(), scores);
      }
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (ScoredItem s : TopK.select(scores, Math.min(k, products.size()), exclude)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", products.id(s.product()));
      item.put("score", s.score());
      items.add(item);
    }
    out.put("items", items);
    out.put("fallback", fallback);
    out.put("unknown", unknown);
    if (items.isEmpty() && !fallback) {
      throw new BadInputException("the model has no products");
    }
    spec.commandLine().getOut().println(new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    return AisleCommand.OK;
  }

  private static void popularity(ProductIndex products, float[] scores) {
    for (int p = 0; p < scores.length; p++) {
      scores[p] = products.count(p);
    }
  }
}
