package org.voxmesh.protocol.item;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.Validated;

/**
 * A conversation item (REALTIME_PROTOCOL.md §6), used both in client events ({@code id} optional) and in server
 * events ({@code id} always set by the server). Optional keys are omitted when null. The MCP variants keep their
 * nested structures ({@code tools}, {@code error}) as JSON for now.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Item.Message.class, name = "message"),
    @JsonSubTypes.Type(value = Item.FunctionCall.class, name = "function_call"),
    @JsonSubTypes.Type(value = Item.FunctionCallOutput.class, name = "function_call_output"),
    @JsonSubTypes.Type(value = Item.McpListTools.class, name = "mcp_list_tools"),
    @JsonSubTypes.Type(value = Item.McpCall.class, name = "mcp_call"),
    @JsonSubTypes.Type(value = Item.McpApprovalRequest.class, name = "mcp_approval_request"),
    @JsonSubTypes.Type(value = Item.McpApprovalResponse.class, name = "mcp_approval_response"),
    @JsonSubTypes.Type(value = Item.Reference.class, name = "item_reference")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Item {

  /** {@code object} of items, optional on the wire. */
  String OBJECT = "realtime.item";

  /** The item id; null in a client-created item that did not choose one. */
  String id();

  /** This item with the given id (the server assigns ids to client items that have none). */
  Item withId(String id);

  /**
   * This item without raw audio bytes, as every item-carrying event but {@code conversation.item.retrieved}
   * sends it (audio parts keep their {@code transcript}).
   */
  default Item withoutAudio() { return this; }

  /** {@code message} with role system, user or assistant. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Message(String id, String object, ItemStatus status, Role role, List<ContentPart> content)
      implements Item, Validated {
    public Message {
      content = Checks.copy(content);
    }

    @Override
    public void validate() {
      Checks.required(role, "role");
      Checks.required(content, "content");
      Checks.elements(content, "content", "an object");
    }

    /** The user item created by committing the input audio buffer: one input_audio part, transcript null. */
    public static Message userAudio(String id) {
      return new Message(id, null, ItemStatus.COMPLETED, Role.USER, List.of(new ContentPart.InputAudio(null, null)));
    }

    @Override
    public Message withId(String newId) { return new Message(newId, object, status, role, content); }

    @Override
    public Message withoutAudio() {
      if (content == null || content.stream().noneMatch(Message::hasAudio)) {
        return this;
      }
      List<ContentPart> stripped = content.stream().map(p -> {
        if (p instanceof ContentPart.InputAudio a) {
          return a.audio() == null ? p : a.withoutAudio();
        }
        if (p instanceof ContentPart.OutputAudio a) {
          return a.audio() == null ? p : a.withoutAudio();
        }
        return p;
      }).toList();
      return new Message(id, object, status, role, stripped);
    }

    private static boolean hasAudio(ContentPart part) {
      return part instanceof ContentPart.InputAudio a && a.audio() != null
          || part instanceof ContentPart.OutputAudio o && o.audio() != null;
    }
  }

  /** {@code function_call}: {@code arguments} is a JSON string. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FunctionCall(String id, String object, ItemStatus status, String callId, String name, String arguments)
      implements Item, Validated {
    @Override
    public void validate() {
      Checks.required(name, "name");
      Checks.required(arguments, "arguments");
    }

    @Override
    public FunctionCall withId(String newId) {
      return new FunctionCall(newId, object, status, callId, name, arguments);
    }
  }

  /** {@code function_call_output}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FunctionCallOutput(String id, String object, ItemStatus status, String callId, String output)
      implements Item, Validated {
    @Override
    public void validate() {
      Checks.required(callId, "call_id");
      Checks.required(output, "output");
    }

    @Override
    public FunctionCallOutput withId(String newId) {
      return new FunctionCallOutput(newId, object, status, callId, output);
    }
  }

  /** {@code mcp_list_tools}; tools are {@code {name, description?, input_schema, annotations?}} objects. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record McpListTools(String id, String object, String serverLabel, List<JsonNode> tools)
      implements Item, Validated {
    public McpListTools {
      tools = Checks.copy(tools);
    }

    @Override
    public void validate() {
      Checks.required(serverLabel, "server_label");
      Checks.required(tools, "tools");
      Checks.elements(tools, "tools", "an object");
    }

    @Override
    public McpListTools withId(String newId) { return new McpListTools(newId, object, serverLabel, tools); }
  }

  /** {@code mcp_call}; {@code error} is one of the MCP error objects. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record McpCall(String id, String object, String serverLabel, String name, String arguments,
                 String approvalRequestId, String output, JsonNode error) implements Item, Validated {
    public McpCall {
      error = Checks.json(error);
    }

    @Override
    public void validate() {
      Checks.required(serverLabel, "server_label");
      Checks.required(name, "name");
      Checks.required(arguments, "arguments");
    }

    @Override
    public McpCall withId(String newId) {
      return new McpCall(newId, object, serverLabel, name, arguments, approvalRequestId, output, error);
    }
  }

  /** {@code mcp_approval_request}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record McpApprovalRequest(String id, String object, String serverLabel, String name, String arguments)
      implements Item, Validated {
    @Override
    public void validate() {
      Checks.required(serverLabel, "server_label");
      Checks.required(name, "name");
      Checks.required(arguments, "arguments");
    }

    @Override
    public McpApprovalRequest withId(String newId) {
      return new McpApprovalRequest(newId, object, serverLabel, name, arguments);
    }
  }

  /** {@code mcp_approval_response} (clients send it without id). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record McpApprovalResponse(String id, String object, String approvalRequestId, Boolean approve, String reason)
      implements Item, Validated {
    @Override
    public void validate() {
      Checks.required(approvalRequestId, "approval_request_id");
      Checks.required(approve, "approve");
    }

    @Override
    public McpApprovalResponse withId(String newId) {
      return new McpApprovalResponse(newId, object, approvalRequestId, approve, reason);
    }
  }

  /** {@code item_reference}: only valid inside {@code response.create.response.input}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Reference(String id) implements Item, Validated {
    @Override
    public void validate() {
      Checks.required(id, "id");
    }

    @Override
    public Reference withId(String newId) { return new Reference(newId); }
  }
}
