package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.Validated;

/**
 * A tool in {@code session.tools} or {@code response.tools} (REALTIME_PROTOCOL.md §5.5). Optional keys are
 * omitted when null. MCP's filter unions ({@code allowed_tools}, {@code require_approval}) stay JSON for now.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Tool.Function.class, name = "function"),
    @JsonSubTypes.Type(value = Tool.Mcp.class, name = "mcp")})
public sealed interface Tool {

  /** {@code {"type":"function","name":...,"description":...,"parameters":{JSON Schema}}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Function(String name, String description, JsonNode parameters) implements Tool, Validated {
    public Function {
      parameters = Checks.json(parameters);
    }

    @Override
    public void validate() {
      Checks.required(name, "name");
      Checks.object(parameters, "parameters");
    }
  }

  /** A remote MCP server or connector. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Mcp(String serverLabel, String serverUrl, String connectorId, String tunnelId, String authorization,
             Map<String, String> headers, JsonNode allowedTools, JsonNode requireApproval,
             String serverDescription, List<String> allowedCallers, Boolean deferLoading)
      implements Tool, Validated {
    public Mcp {
      allowedCallers = Checks.copy(allowedCallers);
      allowedTools = Checks.json(allowedTools);
      requireApproval = Checks.json(requireApproval);
    }

    @Override
    public void validate() {
      Checks.required(serverLabel, "server_label");
      Checks.elements(allowedCallers, "allowed_callers", "a string");
    }
  }
}
