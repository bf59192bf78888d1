package org.voxmesh.speech.responder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one response should answer: the session's (or the response's) settings and the conversation
 * so far. Build one with {@link #builder()}.
 *
 * @param instructions the system instructions, sent first; null or blank = none
 * @param conversation the conversation turns, oldest first (may be empty)
 * @param tools the function tools the assistant may call (names unique)
 * @param toolChoice whether and which tool to call (default {@link ToolChoice#AUTO})
 * @param maxOutputTokens the most tokens the reply may use, function-call arguments included; null
 *     = no limit ({@code "inf"})
 * @param temperature sampling temperature passed to engines that sample; null = engine default
 * @param metadata the response's free-form metadata; engines do not interpret it (kept so logs and
 *     decorators can see it)
 */
public record ResponseRequest(
    String instructions,
    List<Turn> conversation,
    List<Tool> tools,
    ToolChoice toolChoice,
    Integer maxOutputTokens,
    Double temperature,
    Map<String, String> metadata) {

  public ResponseRequest {
    instructions = instructions == null || instructions.isBlank() ? null : instructions;
    conversation = conversation == null ? List.of() : List.copyOf(conversation);
    tools = tools == null ? List.of() : List.copyOf(tools);
    Set<String> names = new HashSet<>();
    for (Tool t : tools) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("duplicate tool name " + t.name());
      }
    }
    toolChoice = toolChoice == null ? ToolChoice.AUTO : toolChoice;
    if (toolChoice.mode() == ToolChoice.Mode.FUNCTION
        && !names.contains(toolChoice.functionName())) {
      throw new IllegalArgumentException(
          "tool_choice names function "
              + toolChoice.functionName()
              + ", which is not among the tools "
              + names);
    }
    if (maxOutputTokens != null && maxOutputTokens < 1) {
      throw new IllegalArgumentException(
          "maxOutputTokens must be >= 1 (or null for inf), got " + maxOutputTokens);
    }
    if (temperature != null && (temperature.isNaN() || temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException("temperature must be within 0..2, got " + temperature);
    }
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** The tool with this name, or null. */
  public Tool tool(String name) {
    for (Tool t : tools) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A request with just this conversation. */
  public static ResponseRequest of(Turn... conversation) {
    return builder().conversation(List.of(conversation)).build();
  }

  public Builder toBuilder() {
    return new Builder()
        .instructions(instructions)
        .conversation(conversation)
        .tools(tools)
        .toolChoice(toolChoice)
        .maxOutputTokens(maxOutputTokens)
        .temperature(temperature)
        .metadata(metadata);
  }

  /** Builds a {@link ResponseRequest}; every setting is optional. */
  public static final class Builder {
    private String instructions;
    private final List<Turn> conversation = new ArrayList<>();
    private final List<Tool> tools = new ArrayList<>();
    private ToolChoice toolChoice = ToolChoice.AUTO;
    private Integer maxOutputTokens;
    private Double temperature;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {}

    public Builder instructions(String v) {
      instructions = v;
      return this;
    }

    /** Replaces the conversation. */
    public Builder conversation(List<? extends Turn> turns) {
      conversation.clear();
      conversation.addAll(turns);
      return this;
    }

    public Builder add(Turn turn) {
      conversation.add(Objects.requireNonNull(turn, "turn"));
      return this;
    }

    /** Replaces the tools. */
    public Builder tools(List<Tool> v) {
      tools.clear();
      tools.addAll(v);
      return this;
    }

    public Builder addTool(Tool tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    public Builder toolChoice(ToolChoice v) {
      toolChoice = v;
      return this;
    }

    public Builder maxOutputTokens(Integer v) {
      maxOutputTokens = v;
      return this;
    }

    public Builder temperature(Double v) {
      temperature = v;
      return this;
    }

    public Builder metadata(Map<String, String> v) {
      metadata.clear();
      if (v != null) {
        metadata.putAll(v);
      }
      return this;
    }

    public ResponseRequest build() {
      return new ResponseRequest(
          instructions, conversation, tools, toolChoice, maxOutputTokens, temperature, metadata);
    }
  }
}
