package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.voxmesh.protocol.error.Checks;

/** {@code conversation.item.retrieve}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationItemRetrieve(String eventId, String itemId) implements ClientEvent {

  @Override
  public void validate() {
    EventIds.check(eventId);
    Checks.required(itemId, "item_id");
  }

  @Override
  public <R> R accept(ClientEventVisitor<R> visitor) { return visitor.conversationItemRetrieve(this); }
}
