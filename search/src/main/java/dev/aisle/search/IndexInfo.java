package dev.aisle.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aisle.model.ModelInfo;
import dev.aisle.model.SessionWeighting;

/**
 * What an exported collection or index holds, stored beside the products as one document of
 * its own (id {@link #DOC_ID}; it has no vector and no indicators, so no query finds it). The
 * server compares the checksum with its model file so it never serves a stale export.
 *
 * @param checksum the model file's checksum
 * @param algorithm the model's algorithm
 * @param products products exported
 * @param dim the vector dimension, 0 for a model without vectors
 * @param indicators whether the products carry co-occurrence indicators
 * @param sessionWeighting how the model weighs a session's products by position ({@link
 *     SessionWeighting}'s label), which session queries repeat as boosts
 * @param lambda the decay of the {@code exp} weighting
 * @param levels the score each indicator strength level stands for ({@link
 *     ProductDocuments#indicatorField}), weakest first; empty without indicators
 * @param provenance how the model was made
 */
public record IndexInfo(String checksum, String algorithm, int products, int dim,
    boolean indicators, String sessionWeighting, double lambda, double[] levels,
    ModelInfo provenance) {

  /**
   * The weight of each position of a session of {@code n} products (oldest first), as the
   * model's own next-product scoring weighs them.
   */
  public double[] sessionWeights(int n) {
    SessionWeighting w = SessionWeighting.fromLabel(sessionWeighting);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = w.weight(i, n, lambda);
    }
    return out;
  }

  /** The id of the document that holds this record. */
  public static final String DOC_ID = "_aisle_model";

  /** The record as JSON text, for a stored field. */
  public String toJson() {
    try {
      return EngineClient.JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the index info", e);
    }
  }

  /** Reads what {@link #toJson} wrote; {@code where} names the source in errors. */
  public static IndexInfo fromJson(String json, String where) {
    try {
      return EngineClient.JSON.readValue(json, IndexInfo.class);
    } catch (JsonProcessingException e) {
      throw new SearchEngineException(200, where + ": the model document " + DOC_ID
          + " is not readable (" + e.getOriginalMessage() + "); export the model again");
    }
  }

  /** Reads the info from the model document {@code doc} (null when it is missing). */
  public static IndexInfo fromDoc(JsonNode doc, String field, String where) {
    JsonNode v = doc == null ? null : doc.get(field);
    if (v != null && v.isArray()) {
      v = v.get(0);
    }
    if (v == null || !v.isTextual()) {
      throw new SearchEngineException(404, where + " holds no Aisle model (no document "
          + DOC_ID + "); export one with 'aisle index --model FILE --to " + where + "'");
    }
    return fromJson(v.asText(), where);
  }
}
