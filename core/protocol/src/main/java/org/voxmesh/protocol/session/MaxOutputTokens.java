package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.util.List;
import org.voxmesh.protocol.error.ProtocolErrors;
import org.voxmesh.protocol.error.Validated;

/** {@code max_output_tokens}: an integer 1..4096 or {@code "inf"} (the default). */
@JsonDeserialize(using = MaxOutputTokens.Deserializer.class)
public record MaxOutputTokens(Integer limit) implements Validated {

  public static final int MAX = 4096;
  public static final MaxOutputTokens INF = new MaxOutputTokens(null);

  /** {@code limit} null means {@code "inf"}. */
  @Override
  public void validate() {
    if (limit != null && limit < 1) {
      throw ProtocolErrors.integerBelowMin("", 1, limit);
    }
    if (limit != null && limit > MAX) {
      throw ProtocolErrors.integerAboveMax("", MAX, limit);
    }
  }

  public static MaxOutputTokens of(int limit) { return new MaxOutputTokens(limit); }

  public boolean isInfinite() { return limit == null; }

  @JsonValue
  Object wire() { return limit == null ? "inf" : limit; }

  /** Integer or "inf". */
  static final class Deserializer extends JsonDeserializer<MaxOutputTokens> {
    @Override
    public MaxOutputTokens deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        if (p.getNumberType() != JsonParser.NumberType.INT) {
          throw ProtocolErrors.integerAboveMax("", MAX, p.getText());
        }
        MaxOutputTokens value = new MaxOutputTokens(p.getIntValue());
        value.validate();
        return value;
      }
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        if ("inf".equals(p.getText())) {
          return INF;
        }
        throw ProtocolErrors.invalidValue("", p.getText(), List.of("inf"));
      }
      throw ProtocolErrors.invalidType("", "one of an integer or 'inf'", Unions.describe(p));
    }
  }
}
