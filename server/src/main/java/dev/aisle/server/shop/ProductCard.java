package dev.aisle.server.shop;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;

/**
 * A product as the API shows it: id, name, category, price, stock and image (those the catalog
 * knows). The strings are JSON-encoded once, when the catalog is loaded, so that writing twenty
 * recommended products per request copies bytes instead of encoding text.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProductCard extends JsonSerializable.Base {
  private static final SerializedString ID = new SerializedString("id");
  private static final SerializedString NAME = new SerializedString("name");
  private static final SerializedString CATEGORY = new SerializedString("category");
  private static final SerializedString PRICE = new SerializedString("price");
  private static final SerializedString IN_STOCK = new SerializedString("inStock");
  private static final SerializedString IMAGE = new SerializedString("image");

  private final SerializedString id;
  private final SerializedString name;
  private final SerializedString category;
  private final SerializedString price;
  private final Boolean inStock;
  private final SerializedString image;

  /**
   * @param category shared by all products of a category, or null
   * @param price the price as a JSON number, or null
   * @param inStock null when the catalog does not say
   */
  ProductCard(String id, String name, SerializedString category, String price, Boolean inStock,
      String image) {
    this.id = new SerializedString(id);
    this.name = name == null ? null : new SerializedString(name);
    this.category = category;
    this.price = price == null ? null : new SerializedString(price);
    this.inStock = inStock;
    this.image = image == null ? null : new SerializedString(image);
  }

  /** A product the catalog does not list: only its id. */
  public static ProductCard unlisted(String id) {
    return new ProductCard(id, null, null, null, null, null);
  }

  public String id() {
    return id.getValue();
  }

  /** The name, or the id when the catalog has none. */
  public String name() {
    return name == null ? id.getValue() : name.getValue();
  }

  /** The category, or null. */
  public String category() {
    return category == null ? null : category.getValue();
  }

  /** False only when the catalog says the product is out of stock. */
  public boolean inStock() {
    return inStock == null || inStock;
  }

  /** Writes the product's fields into the JSON object being written. */
  public void writeFields(JsonGenerator gen) throws IOException {
    gen.writeFieldName(ID);
    gen.writeString(id);
    if (name != null) {
      gen.writeFieldName(NAME);
      gen.writeString(name);
    }
    if (category != null) {
      gen.writeFieldName(CATEGORY);
      gen.writeString(category);
    }
    if (price != null) {
      gen.writeFieldName(PRICE);
      gen.writeRawValue(price);
    }
    if (inStock != null) {
      gen.writeFieldName(IN_STOCK);
      gen.writeBoolean(inStock);
    }
    if (image != null) {
      gen.writeFieldName(IMAGE);
      gen.writeString(image);
    }
  }

  /** The product with how often it was browsed, as {@code GET /api/products/{id}} shows it. */
  public JsonSerializable withViews(int views) {
    ProductCard card = this;
    return new JsonSerializable.Base() {
      @Override
      public void serialize(JsonGenerator gen, SerializerProvider serializers)
          throws IOException {
        gen.writeStartObject();
        card.writeFields(gen);
        gen.writeNumberField("views", views);
        gen.writeEndObject();
      }

      @Override
      public void serializeWithType(JsonGenerator gen, SerializerProvider serializers,
          TypeSerializer typeSer) throws IOException {
        serialize(gen, serializers);
      }
    };
  }

  @Override
  public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
    gen.writeStartObject();
    writeFields(gen);
    gen.writeEndObject();
  }

  @Override
  public void serializeWithType(JsonGenerator gen, SerializerProvider serializers,
      TypeSerializer typeSer) throws IOException {
    serialize(gen, serializers);
  }
}
