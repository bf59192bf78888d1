package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.item.Item;

/**
 * {@code conversation.item.create}: {@code previous_item_id} absent = append, {@code "root"} = insert first.
 * The item's id is null when the client did not choose one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationItemCreate(String eventId, String previousItemId, Item item) implements ClientEvent {

  /** {@code previous_item_id} value that inserts at the start of the conversation. */
  public static final String ROOT = "root";

  @Override
  public void validate() {
    EventIds.check(eventId);
    Checks.required(item, "item");
  }

  @Override
  public <R> R accept(ClientEventVisitor<R> visitor) { return visitor.conversationItemCreate(this); }
}
