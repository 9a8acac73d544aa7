package dev.aisle.model.cooc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusBuilder;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.Preset;
import dev.aisle.model.Params;
import dev.aisle.model.TrainContext;
import dev.aisle.session.CleaningOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Co-occurrence counts and LLR on sessions small enough to count by hand. */
class CoocModelTest {
  @TempDir Path dir;
  private Corpus corpus;

  /** (a b) x3, (a c), (c d) x3, (b d): a and b always together, a and c once. */
  @BeforeEach
  void sessions() throws IOException {
    String[][] sessions = {{"a", "b"}, {"a", "b"}, {"a", "b"}, {"a", "c"}, {"c", "d"},
        {"c", "d"}, {"c", "d"}, {"b", "d"}};
    StringBuilder sb = new StringBuilder("SessionId\tItemId\tTime\n");
    for (int s = 0; s < sessions.length; s++) {
      for (int i = 0; i < sessions[s].length; i++) {
        sb.append(s).append('\t').append(sessions[s][i]).append('\t')
            .append(1_400_000_000 + s * 100 + i).append('\n');
      }
    }
    Path log = dir.resolve("log.tsv");
    Files.writeString(log, sb.toString());
    corpus = CorpusBuilder.ingest(List.of(log), new IngestOptions(Preset.SESSION_REC.format(),
        null, Duration.ofMinutes(30), true), CleaningOptions.none(), null, null).corpus();
  }

  private CoocModel train(String... params) {
    return CoocModel.train(corpus, CoocOptions.from(Params.parse(List.of(params))),
        TrainContext.defaults());
  }

  private int id(String product) {
    return corpus.products().ordinal(product);
  }

  @Test
  void counts_pairs_within_sessions() {
    CoocModel m = train("score=count", "directed=false", "window=0", "distance-weight=false");
    float[] scores = new float[corpus.products().size()];
    m.scoreRelated(id("a"), scores);
    assertThat(scores[id("b")]).isEqualTo(3f);
    assertThat(scores[id("c")]).isEqualTo(1f);
    assertThat(scores[id("d")]).isZero();
    assertThat(m.sessionsTogether(id("a"), id("b"))).isEqualTo(3);
  }

  @Test
  void directed_pairs_only_look_forward() {
    CoocModel m = train("score=count", "directed=true", "window=0", "distance-weight=false");
    float[] scores = new float[corpus.products().size()];
    m.scoreRelated(id("b"), scores);
    assertThat(scores[id("a")]).isZero(); // a always comes before b
    assertThat(scores[id("d")]).isEqualTo(1f);
  }

  @Test
  void llr_ranks_the_pair_that_is_always_together_first() {
    CoocModel m = train("score=llr", "directed=false", "window=0", "distance-weight=false");
    assertThat(m.indicators(id("a")).get(0).product()).isEqualTo(id("b"));
  }

  @Test
  void g2_matches_mahouts_worked_values() {
    // Mahout's LogLikelihoodTest
    assertThat(Llr.g2(1, 0, 0, 1)).isCloseTo(2.772589, within(1e-6));
    assertThat(Llr.g2(10, 0, 0, 10)).isCloseTo(27.72589, within(1e-5));
    assertThat(Llr.g2(5, 1995, 0, 100000)).isCloseTo(39.33052, within(1e-5));
    assertThat(Llr.g2(1000, 1995, 1000, 100000)).isCloseTo(4730.737, within(1e-3));
    assertThat(Llr.g2(1000, 1000, 1000, 100000)).isCloseTo(5734.343, within(1e-3));
  }
}
