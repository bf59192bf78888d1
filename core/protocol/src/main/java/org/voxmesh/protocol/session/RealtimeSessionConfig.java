package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.ProtocolErrors;
import org.voxmesh.protocol.error.Validated;
import org.voxmesh.protocol.session.WireEnums.IncludeOption;
import org.voxmesh.protocol.session.WireEnums.OutputModality;

/**
 * GA conversation session, {@code type: "realtime"} (REALTIME_PROTOCOL.md §5.1). Null arguments take the
 * documented defaults (instructions {@code ""}, output {@code ["audio"]}, tools {@code []}, tool_choice
 * {@code auto}, max_output_tokens {@code inf}, truncation {@code auto}, audio defaults); {@code prompt},
 * {@code tracing} and {@code include} stay null. {@code parallel_tool_calls} and {@code reasoning} are serialised
 * only when set (the captured GA session omits them).
 */
@JsonPropertyOrder({"object", "id", "model", "output_modalities", "instructions", "tools", "tool_choice",
    "max_output_tokens", "tracing", "truncation", "prompt", "expires_at", "audio", "include",
    "parallel_tool_calls", "reasoning"})
@JsonIgnoreProperties(value = "object", allowGetters = true)
public record RealtimeSessionConfig(
    String id,
    Long expiresAt,
    String model,
    String instructions,
    List<OutputModality> outputModalities,
    SessionAudio audio,
    List<Tool> tools,
    ToolChoice toolChoice,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean parallelToolCalls,
    @JsonInclude(JsonInclude.Include.NON_NULL) Reasoning reasoning,
    MaxOutputTokens maxOutputTokens,
    Truncation truncation,
    Prompt prompt,
    Tracing tracing,
    List<IncludeOption> include) implements SessionConfig, Validated {

  public static final String OBJECT = "realtime.session";

  public RealtimeSessionConfig {
    instructions = instructions == null ? "" : instructions;
    outputModalities = outputModalities == null ? List.of(OutputModality.AUDIO) : Checks.copy(outputModalities);
    audio = audio == null ? SessionAudio.defaults() : audio;
    tools = tools == null ? List.of() : Checks.copy(tools);
    toolChoice = toolChoice == null ? ToolChoice.AUTO : toolChoice;
    maxOutputTokens = maxOutputTokens == null ? MaxOutputTokens.INF : maxOutputTokens;
    truncation = truncation == null ? Truncation.AUTO : truncation;
    include = Checks.copy(include);
  }

  @Override
  public void validate() {
    Checks.elements(outputModalities, "output_modalities", "a string");
    if (outputModalities.isEmpty()) {
      throw ProtocolErrors.arrayTooShort("output_modalities", 1, 0);
    }
    if (outputModalities.size() > 1) {
      throw ProtocolErrors.invalidValue("output_modalities", "Invalid modalities: "
          + outputModalities.stream().map(m -> "'" + m.wire() + "'").toList()
          + ". Supported combinations are: ['text'] and ['audio'].");
    }
    Checks.elements(tools, "tools", "an object");
    Checks.elements(include, "include", "a string");
  }

  /**
   * The config a new conversation session starts with: server VAD, PCM 24 kHz in and out, voice alloy, no input
   * transcription, the given instructions (the server's default prompt).
   */
  public static RealtimeSessionConfig initial(String id, String model, long expiresAt, String instructions) {
    return new RealtimeSessionConfig(id, expiresAt, model, instructions, null, null, null, null, null, null, null,
        null, null, null, null);
  }

  @JsonProperty("object")
  public String object() { return OBJECT; }

  @Override
  public String sessionType() { return REALTIME; }

  @Override
  public AudioInput audioInput() { return audio.input(); }

  /** The single output modality. */
  @JsonIgnore
  public OutputModality outputModality() { return outputModalities.get(0); }

  @Override
  public RealtimeSessionConfig withAudioInput(AudioInput input) {
    return withAudio(new SessionAudio(input, audio.output()));
  }

  public RealtimeSessionConfig withAudio(SessionAudio value) {
    return new RealtimeSessionConfig(id, expiresAt, model, instructions, outputModalities, value, tools, toolChoice,
        parallelToolCalls, reasoning, maxOutputTokens, truncation, prompt, tracing, include);
  }

  public RealtimeSessionConfig withInstructions(String value) {
    return new RealtimeSessionConfig(id, expiresAt, model, value, outputModalities, audio, tools, toolChoice,
        parallelToolCalls, reasoning, maxOutputTokens, truncation, prompt, tracing, include);
  }

  public RealtimeSessionConfig withTracing(Tracing value) {
    return new RealtimeSessionConfig(id, expiresAt, model, instructions, outputModalities, audio, tools, toolChoice,
        parallelToolCalls, reasoning, maxOutputTokens, truncation, prompt, value, include);
  }
}
