package dev.aisle.cli;

import static dev.aisle.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned ranker through the command line: train, recommend, evaluate with its gains. */
class RankCommandTest {
  @TempDir Path dir;

  @Test
  void rank_trains_recommends_and_evaluates_with_its_feature_importance() {
    Path shop = dir.resolve("shop");
    assertThat(run("generate", "--products", "200", "--customers", "600", "--seed", "5",
        "--out", shop.toString()).code()).isZero();
    Path corpus = dir.resolve("shop.corpus");
    assertThat(run("ingest", "--catalog", shop.resolve("catalog.csv").toString(), "--out",
        corpus.toString(), shop.resolve("events.csv").toString()).code()).isZero();
    Path model = dir.resolve("rank.model");
    CommandLineTest.Run train = run("train", "--corpus", corpus.toString(), "--algorithm",
        "rank", "-p", "candidates=30", "-p", "max-queries=1000", "-p", "item2vec.epochs=5",
        "--out", model.toString());
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(train.out()).contains("trained rank");
    CommandLineTest.Run rec = run("recommend", "--model", model.toString(), "--session",
        "P000001,P000002", "-k", "5");
    assertThat(rec.code()).as(rec.err()).isZero();
    assertThat(rec.out()).contains("\"model\" : \"rank\"");
    CommandLineTest.Run eval = run("evaluate", "--corpus", corpus.toString(), "--split",
        "last-days=3", "--algorithms", "pop,rank", "-p", "rank.item2vec.epochs=5",
        "-p", "rank.max-queries=1000", "--k", "20");
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(eval.out()).contains("rank: feature importance").contains("sknn_rank");
  }
}
