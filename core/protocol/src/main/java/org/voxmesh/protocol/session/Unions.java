package org.voxmesh.protocol.session;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import org.voxmesh.protocol.error.ProtocolErrors;

/** Helpers shared by the custom deserialisers of string-or-object unions. */
final class Unions {

  private Unions() {}

  static String describe(JsonParser p) {
    return ProtocolErrors.describe(p.currentToken());
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
