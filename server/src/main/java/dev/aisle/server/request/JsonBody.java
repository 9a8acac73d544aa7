package dev.aisle.server.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/** A request body read as JSON, refused with 415, 413 or 400 when it is not one. */
public final class JsonBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonBody() {}

  /**
   * Parses a body.
   *
   * @param contentType the request's Content-Type, or null (taken as JSON)
   * @throws ApiException 415 for another content type, 413 above {@link RequestLimits#MAX_BODY}
   *     bytes, 400 for an empty or malformed body
   */
  public static JsonNode parse(String contentType, byte[] bytes) {
    if (contentType != null
        && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "Content-Type", "send application/json, not " + contentType);
    }
    if (bytes.length == 0) {
      throw ApiException.badRequest("body", "the body is empty; send a JSON object");
    }
    if (bytes.length > RequestLimits.MAX_BODY) {
      throw new ApiException(413, "body", "the body is larger than " + RequestLimits.MAX_BODY
          + " bytes");
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      String detail = e instanceof JsonProcessingException
          ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
      throw ApiException.badRequest("body", "malformed JSON: " + detail);
    }
  }
}
