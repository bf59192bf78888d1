package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.item.Item;

/**
 * {@code response.output_item.added}: a new output item, {@code status:"in_progress"} (a message with empty
 * {@code content}, a function call with empty {@code arguments}; agents-js runs a tool twice if a function call
 * is announced {@code completed} here). Audio bytes are stripped.
 */
public record ResponseOutputItemAdded(String eventId, String responseId, int outputIndex, Item item)
    implements ServerEvent {

  public ResponseOutputItemAdded {
    requireNonNull(item, "item");
    item = item.withoutAudio();
  }

  public static ResponseOutputItemAdded of(String responseId, int outputIndex, Item item) {
    return new ResponseOutputItemAdded(Ids.eventId(), responseId, outputIndex, item);
  }
}
