package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.voxmesh.protocol.error.Validated;

/**
 * A client → server event (REALTIME_PROTOCOL.md §7). The wire {@code type} of each record comes from the
 * connection's dialect table ({@code org.voxmesh.protocol.json.EventNames}), not from annotations. Parsing goes
 * through {@code RealtimeJson.parse}, which runs {@link #validate()} after Jackson's own checks.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface ClientEvent extends Validated
    permits SessionUpdate, InputAudioBufferAppend, InputAudioBufferCommit, InputAudioBufferClear,
            ConversationItemCreate, ConversationItemRetrieve, ConversationItemTruncate, ConversationItemDelete,
            ResponseCreate, ResponseCancel, OutputAudioBufferClear {

  /** Longest client {@code event_id} accepted. */
  int MAX_EVENT_ID_LENGTH = 512;

  /** Client-chosen id (≤ 512 chars), echoed only inside {@code error.event_id}; may be null. */
  String eventId();

  <R> R accept(ClientEventVisitor<R> visitor);
}
