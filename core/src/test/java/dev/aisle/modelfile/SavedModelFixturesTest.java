package dev.aisle.modelfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.CorpusFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One saved model of every algorithm at every model format version, kept as written: each must
 * still load and answer. The version 1 files in {@code models/} were written by Aisle
 * 0.1.0-SNAPSHOT from the {@code corpus-v1.corpus} fixture with every algorithm's default options,
 * seed 1 and one thread, except gru4rec's with {@code layers=8} (its GRU weights alone take 240 kB
 * at the default 100 units). A new algorithm adds its file here; a new format version adds a set,
 * and the old ones stay.
 */
class SavedModelFixturesTest {
  @TempDir Path dir;

  private Path fixture(String name) throws IOException {
    Path f = dir.resolve(Path.of(name).getFileName().toString());
    try (InputStream in = getClass().getResourceAsStream("/" + name)) {
      assertThat(in).as("fixture " + name).isNotNull();
      Files.copy(in, f);
    }
    return f;
  }

  @ParameterizedTest
  // rank needs the aisle-rank module (XGBoost), which core's tests do not have: its tests are there
  @EnumSource(value = Algorithm.class, names = "RANK", mode = EnumSource.Mode.EXCLUDE)
  void a_version_1_model_of_every_algorithm_still_loads_and_answers(Algorithm a)
      throws IOException {
    Corpus corpus = CorpusFile.read(fixture("corpus-v1.corpus"));
    ModelFile.Loaded loaded = ModelFile.read(fixture("models/" + a.label() + "-v1.model"));
    assertThat(loaded.info().algorithm()).isEqualTo(a.label());
    assertThat(loaded.info().seed()).isEqualTo(1);
    assertThat(loaded.info().corpusChecksum()).isEqualTo(CorpusFile.checksum(corpus));
    assertThat(loaded.model().products().size()).isEqualTo(corpus.products().size());
    int n = corpus.products().size();
    int[] latest = corpus.sessionItems(corpus.sessionCount() - 1); // ordinals of the same corpus
    int first = latest[0];
    float[] next = new float[n];
    loaded.model().scoreNext(latest, next);
    float[] related = new float[n];
    loaded.model().scoreRelated(first, related);
    for (int p = 0; p < n; p++) {
      assertThat(next[p]).as("next score of " + p).isFinite();
      assertThat(related[p]).as("related score of " + p).isFinite();
    }
    boolean any = false;
    for (int p = 0; p < n; p++) {
      any |= next[p] > 0;
    }
    assertThat(any).as("some product follows the latest session").isTrue();
  }
}
