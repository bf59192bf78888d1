package org.voxmesh.speech.responder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * A function tool the assistant may call (Realtime {@code {"type":"function", name, description,
 * parameters}}).
 *
 * @param name the function name
 * @param description what it does (may be empty)
 * @param parameters its JSON Schema as a JSON object string; null means {@value #EMPTY_SCHEMA}
 */
public record Tool(String name, String description, String parameters) {

  public static final String EMPTY_SCHEMA = "{\"type\":\"object\",\"properties\":{}}";
  private static final ObjectMapper JSON = new ObjectMapper();

  public Tool {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("tool name must not be blank");
    }
    description = description == null ? "" : description;
    parameters = parameters == null || parameters.isBlank() ? EMPTY_SCHEMA : parameters;
    JsonNode schema;
    try {
      schema = JSON.readTree(parameters);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "parameters of tool " + name + " are not JSON: " + e.getOriginalMessage());
    }
    if (schema == null || !schema.isObject()) {
      throw new IllegalArgumentException("parameters of tool " + name + " must be a JSON object");
    }
  }

  /** The parameters schema, parsed. */
  public JsonNode schema() {
    try {
      return JSON.readTree(parameters);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // validated in the constructor
    }
  }
}
