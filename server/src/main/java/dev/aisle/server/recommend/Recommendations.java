package dev.aisle.server.recommend;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.aisle.server.shop.ProductCard;
import java.io.IOException;
import java.util.List;

/**
 * An answer of the recommendation endpoints: {@code {"items": [...], "model", "fallback"}}, plus
 * {@code "backend"} when a search engine answered, the {@code "session"} it was computed for and
 * the {@code "customer"} whose live session that was. Written straight to the response with
 * pre-encoded product fields (see {@link ProductCard}).
 *
 * @param backend the search engine's URI, or null when the server answered itself
 * @param session the session's product ids, or null (related products)
 * @param customer the customer, or null
 */
public record Recommendations(List<Item> items, String model, boolean fallback, String backend,
    List<String> session, String customer) implements JsonSerializable {
  private static final SerializedString ITEMS = new SerializedString("items");
  private static final SerializedString SCORE = new SerializedString("score");
  private static final SerializedString REASON = new SerializedString("reason");

  /**
   * One recommended product.
   *
   * @param reason why, in words grounded in the data
   */
  public record Item(ProductCard product, float score, String reason) {}

  /** The same answer for a customer's live session. */
  public Recommendations forCustomer(String id) {
    return new Recommendations(items, model, fallback, backend, session, id);
  }

  @Override
  public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
    gen.writeStartObject();
    gen.writeFieldName(ITEMS);
    gen.writeStartArray();
    for (Item item : items) {
      gen.writeStartObject();
      item.product().writeFields(gen);
      gen.writeFieldName(SCORE);
      gen.writeNumber(item.score());
      gen.writeFieldName(REASON);
      gen.writeString(item.reason());
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeStringField("model", model);
    gen.writeBooleanField("fallback", fallback);
    if (backend != null) {
      gen.writeStringField("backend", backend);
    }
    if (session != null) {
      gen.writeArrayFieldStart("session");
      for (String id : session) {
        gen.writeString(id);
      }
      gen.writeEndArray();
    }
    if (customer != null) {
      gen.writeStringField("customer", customer);
    }
    gen.writeEndObject();
  }

  @Override
  public void serializeWithType(JsonGenerator gen, SerializerProvider serializers,
      TypeSerializer typeSer) throws IOException {
    serialize(gen, serializers);
  }
}
