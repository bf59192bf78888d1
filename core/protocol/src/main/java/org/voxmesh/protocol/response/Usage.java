package org.voxmesh.protocol.response;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code usage} of a finished response (REALTIME_PROTOCOL.md §10). Every number is always present (agents-js's
 * schema accepts numbers or absent keys, never {@code null}). {@code cached_tokens} are a subset of
 * {@code input_tokens}; transcription usage is never part of it.
 */
@JsonPropertyOrder({"total_tokens", "input_tokens", "output_tokens", "input_token_details", "output_token_details"})
public record Usage(int totalTokens, int inputTokens, int outputTokens, InputTokenDetails inputTokenDetails,
                    OutputTokenDetails outputTokenDetails) {

  public Usage {
    inputTokenDetails = inputTokenDetails == null ? InputTokenDetails.NONE : inputTokenDetails;
    outputTokenDetails = outputTokenDetails == null ? OutputTokenDetails.NONE : outputTokenDetails;
  }

  /** Usage from the four basic counts, nothing cached, no images; totals are computed. */
  public static Usage of(int inputText, int inputAudio, int outputText, int outputAudio) {
    int input = inputText + inputAudio;
    int output = outputText + outputAudio;
    return new Usage(input + output, input, output,
        new InputTokenDetails(inputText, inputAudio, 0, 0, CachedTokensDetails.NONE),
        new OutputTokenDetails(outputText, outputAudio));
  }

  /** All zeros (a response cancelled before the model ran). */
  public static Usage zero() {
    return of(0, 0, 0, 0);
  }

  /** {@code input_token_details}. */
  @JsonPropertyOrder({"text_tokens", "audio_tokens", "image_tokens", "cached_tokens", "cached_tokens_details"})
  public record InputTokenDetails(int textTokens, int audioTokens, int imageTokens, int cachedTokens,
                                  CachedTokensDetails cachedTokensDetails) {
    static final InputTokenDetails NONE = new InputTokenDetails(0, 0, 0, 0, null);

    public InputTokenDetails {
      cachedTokensDetails = cachedTokensDetails == null ? CachedTokensDetails.NONE : cachedTokensDetails;
    }
  }

  /** {@code input_token_details.cached_tokens_details}. */
  @JsonPropertyOrder({"text_tokens", "audio_tokens", "image_tokens"})
  public record CachedTokensDetails(int textTokens, int audioTokens, int imageTokens) {
    static final CachedTokensDetails NONE = new CachedTokensDetails(0, 0, 0);
  }

  /** {@code output_token_details}. */
  @JsonPropertyOrder({"text_tokens", "audio_tokens"})
  public record OutputTokenDetails(int textTokens, int audioTokens) {
    static final OutputTokenDetails NONE = new OutputTokenDetails(0, 0);
  }
}
