package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.voxmesh.protocol.error.Checks;

/**
 * {@code conversation.item.truncate}: {@code audio_end_ms} ≥ 0 (inclusive); whether it is within the audio
 * actually generated is the session's check.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationItemTruncate(String eventId, String itemId, Integer contentIndex, Long audioEndMs)
    implements ClientEvent {

  @Override
  public void validate() {
    EventIds.check(eventId);
    Checks.required(itemId, "item_id");
    Checks.required(contentIndex, "content_index");
    Checks.required(audioEndMs, "audio_end_ms");
    Checks.min(contentIndex, 0, "content_index");
    Checks.min(audioEndMs, 0, "audio_end_ms");
  }

  @Override
  public <R> R accept(ClientEventVisitor<R> visitor) { return visitor.conversationItemTruncate(this); }
}
