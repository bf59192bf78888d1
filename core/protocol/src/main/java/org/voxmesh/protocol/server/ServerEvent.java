package org.voxmesh.protocol.server;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A server → client event (REALTIME_PROTOCOL.md §8). The wire {@code type} of each record comes from the
 * connection's dialect table ({@code org.voxmesh.protocol.json.EventNames}); write events with
 * {@code RealtimeJson.write} (or {@code writeIfEmitted} for events that do not exist in every dialect, such as
 * {@code conversation.item.done}, absent from beta). Each record has static {@code of(...)} factories that assign a fresh
 * {@code event_...} id. Per-field nullability is part of the contract: keys that must be present as
 * {@code null} are always written, keys that must be absent when unset are omitted.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface ServerEvent
    permits ErrorEvent, SessionCreated, SessionUpdated,
            InputAudioBufferSpeechStarted, InputAudioBufferSpeechStopped, InputAudioBufferCommitted,
            InputAudioBufferCleared, InputAudioBufferTimeoutTriggered,
            ConversationItemAdded, ConversationItemDone, ConversationItemRetrieved, ConversationItemTruncated,
            ConversationItemDeleted,
            ConversationItemInputAudioTranscriptionDelta, ConversationItemInputAudioTranscriptionCompleted,
            ConversationItemInputAudioTranscriptionFailed, ConversationItemInputAudioTranscriptionSegment,
            ResponseCreated, ResponseDone, ResponseOutputItemAdded, ResponseOutputItemDone,
            ResponseContentPartAdded, ResponseContentPartDone, ResponseOutputTextDelta, ResponseOutputTextDone,
            ResponseOutputAudioDelta, ResponseOutputAudioDone, ResponseOutputAudioTranscriptDelta,
            ResponseOutputAudioTranscriptDone, ResponseFunctionCallArgumentsDelta, ResponseFunctionCallArgumentsDone,
            RateLimitsUpdated, OutputAudioBufferStarted, OutputAudioBufferStopped, OutputAudioBufferCleared,
            ConversationCreated {

  /** {@code event_} + 21 base62. */
  String eventId();
}
