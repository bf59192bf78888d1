package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.voxmesh.protocol.error.ErrorCodes;

/**
 * {@code error} of {@code conversation.item.input_audio_transcription.failed}. {@code code} and {@code param}
 * are omitted, never {@code null}, when unset: agents-js's schema rejects {@code null} and drops the event.
 */
@JsonPropertyOrder({"type", "code", "message", "param"})
public record TranscriptionError(String type,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String code,
                                 String message,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String param) {

  public TranscriptionError {
    type = type == null ? ErrorCodes.TRANSCRIPTION_ERROR : type;
    requireNonNull(message, "message");
  }

  /** A {@code transcription_error} with a code and no param. */
  public static TranscriptionError of(String code, String message) {
    return new TranscriptionError(ErrorCodes.TRANSCRIPTION_ERROR, code, message, null);
  }
}
