package org.voxmesh.protocol.session;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.voxmesh.protocol.error.ProtocolErrors;

/** Helpers shared by the custom deserialisers of string-or-object unions. */
final class Unions {

  private Unions() {}

  static String describe(JsonParser p) {
    return ProtocolErrors.describe(p.currentToken());
  }

  /**
   * Reads an object node as {@code type} with the context's configuration. The tree parser is left open (it holds
   * no resources) so that an error still shows the offending token.
   */
  static <T> T read(DeserializationContext ctxt, JsonNode node, Class<T> type) throws IOException {
    ObjectCodec codec = ctxt.getParser().getCodec();
    JsonParser p = node.traverse(codec);
    p.nextToken();
    // a fresh context bound to the tree parser, so that errors point at the offending token of the tree
    return codec.readValue(p, type);
  }

  /** The {@code type} of an object node, or throws missing_required_parameter / invalid_type at {@code type}. */
  static String typeOf(JsonNode node) {
    JsonNode type = node.get("type");
    if (type == null || type.isNull()) {
      throw ProtocolErrors.missingRequired("type");
    }
    if (!type.isTextual()) {
      throw ProtocolErrors.invalidType("type", "a string", ProtocolErrors.describe(type));
    }
    return type.textValue();
  }
}
