package dev.aisle.modelfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisle.AisleVersion;
import dev.aisle.BadInputException;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.format.BinaryReader;
import dev.aisle.format.BinaryWriter;
import dev.aisle.format.ChecksummedFile;
import dev.aisle.model.ModelInfo;
import dev.aisle.model.Recommender;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes model files ({@code .model}), format version 1, in the layout of {@link
 * dev.aisle.format}: provenance as JSON, the product vocabulary, then the algorithm's own
 * parameters.
 *
 * <pre>
 * Algorithm.Training t = Algorithm.COOC.prepare(Params.none());
 * Recommender model = t.train(corpus, TrainContext.defaults());
 * ModelFile.write(model, ModelFile.info(model, t, context, corpusChecksum, corpus), Path.of("m.model"));
 * ModelFile.Loaded loaded = ModelFile.read(Path.of("m.model"));
 * </pre>
 */
public final class ModelFile {
  /** The file's first 8 bytes. */
  public static final String MAGIC = "AISLEMDL";

  /** The format version this build writes (and the newest it reads). */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFile() {}

  /** A model read back, with its provenance and file checksum. */
  public record Loaded(Recommender model, ModelInfo info, String checksum) {}

  /** The provenance of a model trained by {@code training} on a corpus. */
  @SuppressWarnings("unchecked")
  public static ModelInfo info(Recommender model, Algorithm.Training training, long seed,
      int threads, String corpusChecksum, long corpusEvents) {
    Map<String, Object> options = JSON.convertValue(training.options(), Map.class);
    return new ModelInfo(model.algorithm(), options, seed, threads, corpusChecksum, corpusEvents,
        AisleVersion.get());
  }

  /** The bytes of a model file's body, for writing or for measuring the model's size. */
  private static BinaryWriter encode(Recommender model, ModelInfo info) {
    BinaryWriter w = new BinaryWriter(1 << 16);
    try {
      w.writeString(JSON.writeValueAsString(info));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode model provenance", e);
    }
    model.products().write(w);
    model.write(w);
    return w;
  }

  /** Writes {@code model} atomically; returns the checksum. */
  public static String write(Recommender model, ModelInfo info, Path file) {
    return ChecksummedFile.write(file, MAGIC, VERSION, encode(model, info));
  }

  /** The size in bytes a model file for {@code model} takes. */
  public static long sizeOf(Recommender model, ModelInfo info) {
    return encode(model, info).size() + 20L; // header 12 + trailer 8
  }

  /** Reads a model's provenance only (checking the file's checksum), not its parameters. */
  public static ModelInfo readInfo(Path file) {
    return info(ChecksummedFile.read(file, MAGIC, VERSION, "model").body(), file);
  }

  /**
   * A model file's checksum, checked, without reading its parameters into memory: whether the
   * file changed since a {@link Loaded#checksum} was taken.
   */
  public static String checksum(Path file) {
    return ChecksummedFile.checksum(file, MAGIC, VERSION, "model");
  }

  /** Reads a model, checking its checksum. */
  public static Loaded read(Path file) {
    ChecksummedFile.Contents c = ChecksummedFile.read(file, MAGIC, VERSION, "model");
    BinaryReader r = c.body();
    ModelInfo info = info(r, file);
    ProductIndex products = ProductIndex.read(r);
    Algorithm algorithm;
    try {
      algorithm = Algorithm.fromLabel(info.algorithm());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(file + ": model of algorithm '" + info.algorithm()
          + "', which this Aisle does not have: upgrade Aisle");
    }
    Recommender model = algorithm.read(r, products);
    if (!r.atEnd()) {
      throw new BadInputException(file + ": corrupt model: bytes left after the parameters");
    }
    return new Loaded(model, info, c.checksum());
  }

  private static ModelInfo info(BinaryReader r, Path file) {
    try {
      return JSON.readValue(r.readString(), ModelInfo.class);
    } catch (JsonProcessingException e) {
      throw new BadInputException(file + ": corrupt model provenance: " + e.getOriginalMessage());
    }
  }
}
