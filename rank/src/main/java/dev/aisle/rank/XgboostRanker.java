package dev.aisle.rank;

import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.model.Params;
import dev.aisle.model.Recommender;
import dev.aisle.modelfile.Algorithm;
import dev.aisle.modelfile.LearnedRanker;

/** The {@code rank} algorithm for core's {@link Algorithm#RANK}, found by ServiceLoader. */
public final class XgboostRanker implements LearnedRanker {
  @Override
  public Algorithm.Training prepare(Params params) {
    RankOptions o = RankOptions.from(params);
    for (String part : CandidateModels.PARTS) { // a typo in a part's options fails now
      Algorithm.fromLabel(part).prepare(new dev.aisle.model.Params(o.parts().get(part)));
    }
    return new Algorithm.Training(o, (corpus, context) -> RankTrainer.train(corpus, o, context));
  }

  @Override
  public Recommender read(BinaryReader in, ProductIndex products) {
    return RankModel.read(in, products);
  }
}
