package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.ProtocolErrors;
import org.voxmesh.protocol.error.Validated;
import org.voxmesh.protocol.item.Item;
import org.voxmesh.protocol.session.AudioFormatSpec;
import org.voxmesh.protocol.session.MaxOutputTokens;
import org.voxmesh.protocol.session.Prompt;
import org.voxmesh.protocol.session.Reasoning;
import org.voxmesh.protocol.session.Tool;
import org.voxmesh.protocol.session.ToolChoice;
import org.voxmesh.protocol.session.Voice;
import org.voxmesh.protocol.session.WireEnums.OutputModality;

/**
 * {@code response.create.response} (REALTIME_PROTOCOL.md §5.4): per-response overrides, every field optional.
 * {@code input} items may include {@link Item.Reference}; an empty list means "no context".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseCreateParams(
    List<OutputModality> outputModalities,
    String instructions,
    Audio audio,
    List<Tool> tools,
    ToolChoice toolChoice,
    Boolean parallelToolCalls,
    Reasoning reasoning,
    MaxOutputTokens maxOutputTokens,
    String conversation,
    Map<String, String> metadata,
    Prompt prompt,
    List<Item> input) implements Validated {

  public static final List<String> CONVERSATIONS = List.of("auto", "none");
  public static final int MAX_METADATA_PAIRS = 16;
  public static final int MAX_METADATA_KEY = 64;
  public static final int MAX_METADATA_VALUE = 512;

  public ResponseCreateParams {
    outputModalities = Checks.copy(outputModalities);
    tools = Checks.copy(tools);
    input = Checks.copy(input);
    metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  @Override
  public void validate() {
    Checks.elements(outputModalities, "output_modalities", "a string");
    if (outputModalities != null && outputModalities.size() > 1) {
      throw ProtocolErrors.invalidValue("output_modalities", "Invalid modalities: "
          + outputModalities.stream().map(m -> "'" + m.wire() + "'").toList()
          + ". Supported combinations are: ['text'] and ['audio'].");
    }
    Checks.elements(tools, "tools", "an object");
    Checks.elements(input, "input", "an object");
    Checks.oneOf(conversation, CONVERSATIONS, "conversation");
    if (metadata != null) {
      if (metadata.size() > MAX_METADATA_PAIRS) {
        throw ProtocolErrors.tooManyProperties("metadata", MAX_METADATA_PAIRS, metadata.size());
      }
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        Checks.maxLength(e.getKey(), MAX_METADATA_KEY, "metadata");
        if (e.getValue() == null) {
          throw ProtocolErrors.invalidType("metadata." + e.getKey(), "a string", "null");
        }
        Checks.maxLength(e.getValue(), MAX_METADATA_VALUE, "metadata." + e.getKey());
      }
    }
  }

  /** {@code "none"}: an out-of-band response whose output is not added to the default conversation. */
  public boolean outOfBand() {
    return "none".equals(conversation);
  }

  /** {@code audio}: {@code {"output":{"format"?,"voice"?}}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Audio(Output output) {}

  /** {@code audio.output} overrides. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Output(AudioFormatSpec format, Voice voice) {}
}
