package org.voxmesh.protocol.server;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * {@code usage} of {@code conversation.item.input_audio_transcription.completed}: token-billed
 * ({@code {"type":"tokens",...}}, with both detail numbers, as agents-js requires) or duration-billed
 * ({@code {"type":"duration","seconds":...}}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TranscriptionUsage.Tokens.class, name = "tokens"),
    @JsonSubTypes.Type(value = TranscriptionUsage.Duration.class, name = "duration")})
public sealed interface TranscriptionUsage {

  /** Token usage; {@code total_tokens = input_tokens + output_tokens}. */
  @JsonPropertyOrder({"total_tokens", "input_tokens", "input_token_details", "output_tokens"})
  record Tokens(int totalTokens, int inputTokens, InputTokenDetails inputTokenDetails, int outputTokens)
      implements TranscriptionUsage {

    /** Usage for a turn of {@code audioTokens} audio input and {@code outputTokens} transcript tokens. */
    public static Tokens ofAudio(int audioTokens, int outputTokens) {
      return new Tokens(audioTokens + outputTokens, audioTokens, new InputTokenDetails(0, audioTokens), outputTokens);
    }
  }

  /** {@code input_token_details}. */
  record InputTokenDetails(int textTokens, int audioTokens) {}

  /** Duration usage in seconds of audio. */
  record Duration(double seconds) implements TranscriptionUsage {}
}
