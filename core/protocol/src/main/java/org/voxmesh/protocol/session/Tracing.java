package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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

/** {@code tracing}: null (off, the default), {@code "auto"} or {@code {workflow_name, group_id, metadata}}. */
@JsonDeserialize(using = Tracing.Deserializer.class)
public sealed interface Tracing {

  Auto AUTO = new Auto();

  /** {@code "auto"}. */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Auto() implements Tracing {
    @JsonValue
    String wire() { return "auto"; }
  }

  /** Tracing with explicit names; {@code metadata} is free-form JSON. */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  @JsonPropertyOrder({"workflow_name", "group_id", "metadata"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Config(String workflowName, String groupId, JsonNode metadata) implements Tracing {
    public Config {
      metadata = Checks.json(metadata);
    }
  }

  /** String or object (null is handled by Jackson). */
  final class Deserializer extends JsonDeserializer<Tracing> {
    @Override
    public Tracing deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        if ("auto".equals(p.getText())) {
          return AUTO;
        }
        throw ProtocolErrors.invalidValue("", p.getText(), List.of("auto"));
      }
      if (p.currentToken() == JsonToken.START_OBJECT) {
        JsonNode node = ctxt.readTree(p);
        return Unions.read(ctxt, node, Config.class);
      }
      throw ProtocolErrors.invalidType("", "one of a string or an object", Unions.describe(p));
    }
  }
}
