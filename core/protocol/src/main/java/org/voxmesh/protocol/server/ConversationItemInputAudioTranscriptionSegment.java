package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;

/**
 * {@code conversation.item.input_audio_transcription.segment}: a diarized segment; {@code start} and
 * {@code end} in seconds.
 */
public record ConversationItemInputAudioTranscriptionSegment(
    String eventId,
    String itemId,
    int contentIndex,
    String text,
    String id,
    String speaker,
    double start,
    double end) implements ServerEvent {

  public static ConversationItemInputAudioTranscriptionSegment of(String itemId,
      int contentIndex,
      String text,
      String id,
      String speaker,
      double start,
      double end) {
    return new ConversationItemInputAudioTranscriptionSegment(Ids.eventId(),
        itemId, contentIndex, text, id, speaker, start, end);
  }
}
