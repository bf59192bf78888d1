package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.item.Item;

/**
 * {@code response.output_item.done}: the output item is final ({@code completed}, or {@code incomplete} after a
 * cancel); a function call carries its full {@code arguments} and {@code call_id}. Audio bytes are stripped.
 */
public record ResponseOutputItemDone(String eventId, String responseId, int outputIndex, Item item)
    implements ServerEvent {

  public ResponseOutputItemDone {
    requireNonNull(item, "item");
    item = item.withoutAudio();
  }

  public static ResponseOutputItemDone of(String responseId, int outputIndex, Item item) {
    return new ResponseOutputItemDone(Ids.eventId(), responseId, outputIndex, item);
  }
}
