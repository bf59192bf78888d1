package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;

/**
 * {@code conversation.item.truncated}.
 */
public record ConversationItemTruncated(
    String eventId,
    String itemId,
    int contentIndex,
    long audioEndMs) implements ServerEvent {

  public static ConversationItemTruncated of(String itemId, int contentIndex, long audioEndMs) {
    return new ConversationItemTruncated(Ids.eventId(), itemId, contentIndex, audioEndMs);
  }
}
