package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;

/** {@code conversation.item.input_audio_transcription.failed}: the session continues. */
public record ConversationItemInputAudioTranscriptionFailed(String eventId, String itemId, int contentIndex,
                                                            TranscriptionError error) implements ServerEvent {

  public ConversationItemInputAudioTranscriptionFailed {
    requireNonNull(error, "error");
  }

  public static ConversationItemInputAudioTranscriptionFailed of(String itemId, int contentIndex,
                                                                 TranscriptionError error) {
    return new ConversationItemInputAudioTranscriptionFailed(Ids.eventId(), itemId, contentIndex, error);
  }
}
