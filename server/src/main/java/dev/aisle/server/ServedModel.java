package dev.aisle.server;

import dev.aisle.model.EmbeddingModel;
import dev.aisle.model.Recommender;
import dev.aisle.modelfile.ModelFile;
import java.nio.file.Path;

/**
 * A model as the server holds it: loaded from its file, with unit vectors and an HNSW index when
 * it is an embedding model with enough products for approximate search to pay.
 *
 * @param name the name requests use ({@code ?model=NAME})
 * @param path the model file, for reloads
 * @param loaded the model with its provenance
 * @param unit unit-length product vectors of an embedding model, or null
 * @param ann the approximate index over {@code unit}, or null (exact scoring)
 */
record ServedModel(String name, Path path, ModelFile.Loaded loaded, float[] unit, AnnIndex ann) {

  Recommender model() {
    return loaded.model();
  }

  /** The dimension of the vectors of an embedding model. */
  int dim() {
    return ((EmbeddingModel) model()).dim();
  }

  /** Serves a loaded model; embedding models of at least {@code annThreshold} products get HNSW. */
  static ServedModel of(String name, Path path, ModelFile.Loaded loaded, int annThreshold) {
    if (!(loaded.model() instanceof EmbeddingModel)) {
      return new ServedModel(name, path, loaded, null, null);
    }
    EmbeddingModel m = (EmbeddingModel) loaded.model();
    int n = m.products().size();
    int dim = m.dim();
    float[] unit = new float[n * dim];
    for (int p = 0; p < n; p++) {
      float[] v = m.vector(p);
      double norm = 0;
      for (float x : v) {
        norm += (double) x * x;
      }
      float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
      for (int i = 0; i < dim; i++) {
        unit[p * dim + i] = v[i] * inv;
      }
    }
    AnnIndex ann = n >= annThreshold ? new AnnIndex(unit, n, dim, 16, 100) : null;
    return new ServedModel(name, path, loaded, unit, ann);
  }
}
