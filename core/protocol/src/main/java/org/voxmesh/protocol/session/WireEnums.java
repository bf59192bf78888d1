package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonValue;
import org.voxmesh.protocol.error.WireEnum;

/** Small closed string enums of the session configuration. */
public final class WireEnums {

  private WireEnums() {}

  /** {@code output_modalities} entries. */
  public enum OutputModality implements WireEnum {
    AUDIO("audio"), TEXT("text");

    private final String wire;

    OutputModality(String wire) { this.wire = wire; }

    @JsonValue
    @Override
    public String wire() { return wire; }
  }

  /** {@code include} entries. */
  public enum IncludeOption implements WireEnum {
    INPUT_AUDIO_TRANSCRIPTION_LOGPROBS("item.input_audio_transcription.logprobs");

    private final String wire;

    IncludeOption(String wire) { this.wire = wire; }

    @JsonValue
    @Override
    public String wire() { return wire; }
  }

  /** {@code audio.input.noise_reduction.type}. */
  public enum NoiseReductionType implements WireEnum {
    NEAR_FIELD("near_field"), FAR_FIELD("far_field");

    private final String wire;

    NoiseReductionType(String wire) { this.wire = wire; }

    @JsonValue
    @Override
    public String wire() { return wire; }
  }

  /** {@code reasoning.effort}. */
  public enum ReasoningEffort implements WireEnum {
    MINIMAL("minimal"), LOW("low"), MEDIUM("medium"), HIGH("high"), XHIGH("xhigh");

    private final String wire;

    ReasoningEffort(String wire) { this.wire = wire; }

    @JsonValue
    @Override
    public String wire() { return wire; }
  }

  /** {@code audio.input.transcription.delay} (gpt-realtime-whisper only). */
  public enum TranscriptionDelay implements WireEnum {
    MINIMAL("minimal"), LOW("low"), MEDIUM("medium"), HIGH("high"), XHIGH("xhigh");

    private final String wire;

    TranscriptionDelay(String wire) { this.wire = wire; }

    @JsonValue
    @Override
    public String wire() { return wire; }
  }

  /** String forms of {@code tool_choice}. */
  public enum ToolChoiceMode implements WireEnum {
    AUTO("auto"), NONE("none"), REQUIRED("required");

    private final String wire;

    ToolChoiceMode(String wire) { this.wire = wire; }

    @JsonValue
    @Override
    public String wire() { return wire; }
  }
}
