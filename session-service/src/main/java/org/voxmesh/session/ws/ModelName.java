package org.voxmesh.session.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A conversation session reports, in its {@code model} field, what really answers: the responder's
 * name (e.g. {@code voxmesh-embedded-responder}, or {@code openai-compatible/<model>}), not the
 * OpenAI model the client asked for. Clients such as agents-js re-send the model they connected with
 * in every {@code session.update}; that name is accepted as "unchanged" and dropped from the patch.
 */
final class ModelName {

  private ModelName() {}

  /** The patch without a {@code model} key that only repeats the requested model. */
  static JsonNode withoutRequested(JsonNode sessionPatch, String requestedModel) {
    if (sessionPatch instanceof ObjectNode patch && requestedModel != null
        && patch.path("model").isTextual() && patch.get("model").asText().equals(requestedModel)) {
      ObjectNode copy = patch.deepCopy();
      copy.remove("model");
      return copy;
    }
    return sessionPatch;
  }
}
