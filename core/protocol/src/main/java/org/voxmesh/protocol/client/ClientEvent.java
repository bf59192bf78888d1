package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A client → server event (REALTIME_PROTOCOL.md §7). The wire {@code type} of each record comes from the
 * connection's dialect table ({@code org.voxmesh.protocol.json.EventNames}), not from annotations. Records are
 * validated on construction; parsing goes through {@code RealtimeJson.parse}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface ClientEvent
    permits SessionUpdate, InputAudioBufferAppend, InputAudioBufferCommit, InputAudioBufferClear,
            ConversationItemCreate, ConversationItemRetrieve, ConversationItemTruncate, ConversationItemDelete,
            ResponseCreate, ResponseCancel, OutputAudioBufferClear {

  /** Longest client {@code event_id} accepted. */
  int MAX_EVENT_ID_LENGTH = 512;

  /** Client-chosen id (≤ 512 chars), echoed only inside {@code error.event_id}; may be null. */
  String eventId();

  <R> R accept(ClientEventVisitor<R> visitor);
}
