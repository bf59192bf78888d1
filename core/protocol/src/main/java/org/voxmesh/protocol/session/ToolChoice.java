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
import org.voxmesh.protocol.error.Validated;
import org.voxmesh.protocol.session.WireEnums.ToolChoiceMode;

/**
 * {@code tool_choice}: {@code "auto"|"none"|"required"}, {@code {"type":"function","name":...}} or
 * {@code {"type":"mcp","server_label":...,"name"?:...}}.
 */
@JsonDeserialize(using = ToolChoice.Deserializer.class)
public sealed interface ToolChoice {

  Mode AUTO = new Mode(ToolChoiceMode.AUTO);

  /** A string mode. */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Mode(@JsonValue ToolChoiceMode mode) implements ToolChoice {
    public Mode {
      java.util.Objects.requireNonNull(mode, "mode");
    }
  }

  /** Forces a function: {@code {"type":"function","name":...}}. */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  @JsonPropertyOrder({"type", "name"})
  record Function(String type, String name) implements ToolChoice, Validated {
    public Function {
      type = type == null ? "function" : type;
    }

    @Override
    public void validate() {
      Checks.required(name, "name");
    }

    public static Function named(String name) { return new Function("function", name); }
  }

  /** Forces an MCP server (and optionally one of its tools). */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  @JsonPropertyOrder({"type", "server_label", "name"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Mcp(String type, String serverLabel, String name) implements ToolChoice, Validated {
    public Mcp {
      type = type == null ? "mcp" : type;
    }

    @Override
    public void validate() {
      Checks.required(serverLabel, "server_label");
    }
  }

  /** Dispatches on the JSON shape and on {@code type}. */
  final class Deserializer extends JsonDeserializer<ToolChoice> {
    @Override
    public ToolChoice deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        String text = p.getText();
        for (ToolChoiceMode m : ToolChoiceMode.values()) {
          if (m.wire().equals(text)) {
            return new Mode(m);
          }
        }
        throw ProtocolErrors.invalidValue("", text, ProtocolErrors.enumWireNames(ToolChoiceMode.class));
      }
      if (p.currentToken() == JsonToken.START_OBJECT) {
        JsonNode node = ctxt.readTree(p);
        String type = Unions.typeOf(node);
        return switch (type) {
          case "function" -> Unions.read(ctxt, node, Function.class);
          case "mcp" -> Unions.read(ctxt, node, Mcp.class);
          default -> throw ProtocolErrors.invalidValue("type", type, List.of("function", "mcp"));
        };
      }
      throw ProtocolErrors.invalidType("", "one of a string or an object", Unions.describe(p));
    }
  }
}
