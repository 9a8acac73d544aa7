package dev.aisle.server.experiment;

import dev.aisle.server.models.ModelRegistry;
import dev.aisle.server.models.ServedModel;
import dev.aisle.server.recommend.Recommendations;
import dev.aisle.server.request.ApiException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which model answers a recommendation request, and the id its answer carries. A request that
 * names a {@code model} gets that model, outside any experiment (for debugging); one from a
 * visitor, while an experiment runs, gets the visitor's arm of a split, or a team-draft mix of
 * the two models of an interleaving ({@link TeamDraft}, the coin seeded by the list's id);
 * everything else gets the default model. Every answer carries a {@code recommendationId};
 * only those shown under an experiment are recorded.
 *
 * <pre>
 * Recommendations r = serving.serve(null, null, "visitor-17", 10,
 *     model -> recommendations.related(model, "P1", 10, Rules.NONE));
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class ExperimentServing {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentServing.class);

  private final Experiments experiments;
  private final ModelRegistry models;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public ExperimentServing(Experiments experiments, ModelRegistry models) {
    this.experiments = experiments;
    this.models = models;
  }

  /**
   * Answers with the request's model, arm or mix.
   *
   * @param model the {@code model} parameter, or null
   * @param experiment the {@code experiment} parameter, or null for the default experiment
   * @param visitor the visitor (customer) asking, or null
   * @param rank the answer of one model, k items
   * @throws ApiException 400 for an unknown model or experiment, or an experiment named without
   *     a visitor
   */
  public Recommendations serve(String model, String experiment, String visitor, int k,
      Function<ServedModel, Recommendations> rank) {
    if (model != null && !model.isEmpty()) {
      return rank.apply(models.get(model)).tracked(experiments.untrackedId(), null);
    }
    ExperimentSpec spec = experiments.forRequest(experiment);
    if (spec != null && visitor == null && experiment != null && !experiment.isEmpty()) {
      throw ApiException.badRequest("visitor", "experiment '" + experiment + "' needs the "
          + "visitor's id (the visitor parameter), to show them the same arm every time");
    }
    if (spec == null || visitor == null || !served(spec)) {
      return rank.apply(models.get(null)).tracked(experiments.untrackedId(), null);
    }
    long now = System.currentTimeMillis();
    if (spec.mode() == ExperimentSpec.Mode.SPLIT) {
      int arm = spec.assign(visitor);
      Recommendations r = rank.apply(models.get(spec.arms().get(arm).model()));
      String id = experiments.impression(spec, arm, visitor, r.productIds(), now);
      return r.tracked(id, spec.name());
    }
    Recommendations a = rank.apply(models.get(spec.arms().get(0).model()));
    Recommendations b = rank.apply(models.get(spec.arms().get(1).model()));
    String id = experiments.newId();
    TeamDraft.Mixed<Recommendations.Item> mixed = TeamDraft.interleave(a.items(), b.items(), k,
        item -> item.product().id(), new SplittableRandom(ExperimentSpec.hash(id)));
    Recommendations r = a.withItems(mixed.items(), spec.definition(),
        a.fallback() || b.fallback());
    experiments.impression(id, spec, -1, mixed.teams(), visitor, r.productIds(), now);
    return r.tracked(id, spec.name());
  }

  /** False (with one warning) while a reload has taken away one of the experiment's models. */
  private boolean served(ExperimentSpec spec) {
    for (ExperimentSpec.Arm arm : spec.arms()) {
      if (!models.all().containsKey(arm.model())) {
        if (warned.add(spec.name() + "/" + arm.model())) {
          LOG.warn("experiment '{}' is paused: model '{}' is no longer served", spec.name(),
              arm.model());
        }
        return false;
      }
    }
    return true;
  }

  /** The experiments served. */
  public Experiments experiments() {
    return experiments;
  }
}
