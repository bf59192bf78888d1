package org.voxmesh.protocol.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.voxmesh.protocol.id.Ids;

/**
 * {@code conversation.item.input_audio_transcription.delta}. {@code logprobs} and {@code obfuscation} (random
 * padding) are omitted when null.
 */
public record ConversationItemInputAudioTranscriptionDelta(
    String eventId, String itemId, int contentIndex, String delta,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<LogProb> logprobs,
    @JsonInclude(JsonInclude.Include.NON_NULL) String obfuscation) implements ServerEvent {

  public static ConversationItemInputAudioTranscriptionDelta of(String itemId, int contentIndex, String delta) {
    return new ConversationItemInputAudioTranscriptionDelta(Ids.eventId(), itemId, contentIndex, delta, null, null);
  }
}
