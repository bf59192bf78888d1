package org.voxmesh.protocol.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.item.Item;

/**
 * {@code conversation.item.added}: an item entered the default conversation; {@code previous_item_id}
 * is always written ({@code null} for the first item). Items carry no audio bytes here.
 */
public record ConversationItemAdded(
    String eventId,
    @JsonInclude(JsonInclude.Include.ALWAYS) String previousItemId,
    Item item) implements ServerEvent {

  public ConversationItemAdded {
    item = item == null ? null : item.withoutAudio();
  }

  public static ConversationItemAdded of(String previousItemId, Item item) {
    return new ConversationItemAdded(Ids.eventId(), previousItemId, item);
  }
}
