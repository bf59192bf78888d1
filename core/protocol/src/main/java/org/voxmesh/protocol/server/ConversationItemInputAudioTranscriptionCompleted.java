package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.voxmesh.protocol.id.Ids;

/**
 * {@code conversation.item.input_audio_transcription.completed}: {@code usage} is required (tokens or duration);
 * {@code logprobs} and {@code languages} are omitted when null.
 */
public record ConversationItemInputAudioTranscriptionCompleted(
    String eventId, String itemId, int contentIndex, String transcript, TranscriptionUsage usage,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<LogProb> logprobs,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<TranscriptLanguage> languages) implements ServerEvent {

  public ConversationItemInputAudioTranscriptionCompleted {
    requireNonNull(transcript, "transcript");
    requireNonNull(usage, "usage");
  }

  public static ConversationItemInputAudioTranscriptionCompleted of(String itemId, int contentIndex,
                                                                    String transcript, TranscriptionUsage usage) {
    return new ConversationItemInputAudioTranscriptionCompleted(Ids.eventId(), itemId, contentIndex, transcript,
        usage, null, null);
  }
}
