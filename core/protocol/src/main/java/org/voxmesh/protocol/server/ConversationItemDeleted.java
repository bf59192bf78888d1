package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;

/**
 * {@code conversation.item.deleted}.
 */
public record ConversationItemDeleted(String eventId, String itemId) implements ServerEvent {

  public static ConversationItemDeleted of(String itemId) {
    return new ConversationItemDeleted(Ids.eventId(), itemId);
  }
}
