package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.util.List;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.ProtocolErrors;
import org.voxmesh.protocol.error.Validated;

/**
 * {@code audio.output.voice}: one of the built-in voice names (a JSON string) or a custom voice
 * {@code {"id":"voice_..."}}.
 */
@JsonDeserialize(using = Voice.Deserializer.class)
public sealed interface Voice {

  /** Built-in voices (§5.1). */
  List<String> NAMES = List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin",
      "cedar");

  Named ALLOY = new Named("alloy");

  /** A built-in voice, serialised as a JSON string. */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Named(@JsonValue String name) implements Voice, Validated {
    @Override
    public void validate() {
      Checks.required(name, "");
      Checks.oneOf(name, NAMES, "");
    }
  }

  /** A custom voice, {@code {"id":"voice_1234"}}. */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Custom(String id) implements Voice, Validated {
    @Override
    public void validate() {
      Checks.required(id, "id");
    }
  }

  /** A string or an object; anything else is {@code invalid_type}. */
  final class Deserializer extends JsonDeserializer<Voice> {
    @Override
    public Voice deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        Named named = new Named(p.getText());
        named.validate();
        return named;
      }
      if (p.currentToken() == JsonToken.START_OBJECT) {
        JsonNode node = ctxt.readTree(p);
        return Unions.read(ctxt, node, Custom.class);
      }
      throw ProtocolErrors.invalidType("", "one of a string or an object", Unions.describe(p));
    }
  }
}
