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

/**
 * {@code truncation}: {@code "auto"} (default), {@code "disabled"} or
 * {@code {"type":"retention_ratio","retention_ratio":0..1,"token_limits"?:{"post_instructions":int}}}.
 */
@JsonDeserialize(using = Truncation.Deserializer.class)
public sealed interface Truncation {

  List<String> MODES = List.of("auto", "disabled");
  Mode AUTO = new Mode("auto");
  Mode DISABLED = new Mode("disabled");

  /** {@code "auto"} or {@code "disabled"}. */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Mode(@JsonValue String mode) implements Truncation, Validated {
    @Override
    public void validate() {
      Checks.required(mode, "");
      Checks.oneOf(mode, MODES, "");
    }
  }

  /** Drop the oldest context until {@code retention_ratio} of the window remains. */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  @JsonPropertyOrder({"type", "retention_ratio", "token_limits"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RetentionRatio(String type, Double retentionRatio, TokenLimits tokenLimits)
      implements Truncation, Validated {
    public RetentionRatio {
      type = type == null ? "retention_ratio" : type;
    }

    @Override
    public void validate() {
      Checks.required(retentionRatio, "retention_ratio");
      Checks.range(retentionRatio, 0.0, 1.0, "retention_ratio");
    }
  }

  /** {@code token_limits}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TokenLimits(Integer postInstructions) implements Validated {
    @Override
    public void validate() {
      Checks.min(postInstructions, 0, "post_instructions");
    }
  }

  /** String or object. */
  final class Deserializer extends JsonDeserializer<Truncation> {
    @Override
    public Truncation deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        Mode mode = new Mode(p.getText());
        mode.validate();
        return mode;
      }
      if (p.currentToken() == JsonToken.START_OBJECT) {
        JsonNode node = ctxt.readTree(p);
        String type = Unions.typeOf(node);
        if (!"retention_ratio".equals(type)) {
          throw ProtocolErrors.invalidValue("type", type, List.of("retention_ratio"));
        }
        return Unions.read(ctxt, node, RetentionRatio.class);
      }
      throw ProtocolErrors.invalidType("", "one of a string or an object", Unions.describe(p));
    }
  }
}
