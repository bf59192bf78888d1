package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;

/**
 * {@code response.output_audio_transcript.done} (beta {@code response.audio_transcript.done}): the full (or, after
 * a cancel, partial) transcript of the audio part.
 */
public record ResponseOutputAudioTranscriptDone(String eventId, String responseId, String itemId, int outputIndex,
                                                int contentIndex, String transcript) implements ServerEvent {

  public ResponseOutputAudioTranscriptDone {
    requireNonNull(transcript, "transcript");
  }

  public static ResponseOutputAudioTranscriptDone of(String responseId, String itemId, int outputIndex,
                                                     int contentIndex, String transcript) {
    return new ResponseOutputAudioTranscriptDone(Ids.eventId(), responseId, itemId, outputIndex, contentIndex,
        transcript);
  }
}
