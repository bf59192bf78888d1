package org.voxmesh.protocol.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.item.Item;

/**
 * {@code conversation.item.done}: the item is final (no audio bytes); {@code previous_item_id} is
 * always written.
 */
public record ConversationItemDone(
    String eventId,
    @JsonInclude(JsonInclude.Include.ALWAYS) String previousItemId,
    Item item) implements ServerEvent {

  public ConversationItemDone {
    item = item == null ? null : item.withoutAudio();
  }

  public static ConversationItemDone of(String previousItemId, Item item) {
    return new ConversationItemDone(Ids.eventId(), previousItemId, item);
  }
}
