package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.voxmesh.protocol.id.Ids;

/**
 * {@code response.output_audio_transcript.delta} (beta {@code response.audio_transcript.delta}): transcript of
 * the model's own audio. {@code obfuscation} (random padding) is omitted when null.
 */
public record ResponseOutputAudioTranscriptDelta(String eventId, String responseId, String itemId, int outputIndex,
                                                 int contentIndex, String delta,
                                                 @JsonInclude(JsonInclude.Include.NON_NULL) String obfuscation)
    implements ServerEvent {

  public ResponseOutputAudioTranscriptDelta {
    requireNonNull(delta, "delta");
  }

  public static ResponseOutputAudioTranscriptDelta of(String responseId, String itemId, int outputIndex,
                                                      int contentIndex, String delta) {
    return new ResponseOutputAudioTranscriptDelta(Ids.eventId(), responseId, itemId, outputIndex, contentIndex,
        delta, null);
  }
}
