package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.item.Item;

/**
 * {@code conversation.item.retrieved}: the only item event that carries audio bytes.
 */
public record ConversationItemRetrieved(String eventId, Item item) implements ServerEvent {

  public static ConversationItemRetrieved of(Item item) {
    return new ConversationItemRetrieved(Ids.eventId(), item);
  }
}
