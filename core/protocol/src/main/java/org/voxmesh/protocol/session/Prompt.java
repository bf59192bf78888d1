package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.Validated;

/** A stored prompt reference {@code {id, version?, variables?}}; {@code variables} stays JSON. */
@JsonPropertyOrder({"id", "version", "variables"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prompt(String id, String version, JsonNode variables) implements Validated {
  public Prompt {
    variables = Checks.json(variables);
  }

  @Override
  public void validate() {
    Checks.required(id, "id");
    Checks.object(variables, "variables");
  }
}
