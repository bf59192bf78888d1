package org.voxmesh.protocol.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.voxmesh.protocol.id.Ids;

/**
 * {@code input_audio_buffer.committed}: {@code previous_item_id} is always written, {@code null} for
 * the first item.
 */
public record InputAudioBufferCommitted(
    String eventId,
    @JsonInclude(JsonInclude.Include.ALWAYS) String previousItemId,
    String itemId) implements ServerEvent {

  public static InputAudioBufferCommitted of(String previousItemId, String itemId) {
    return new InputAudioBufferCommitted(Ids.eventId(), previousItemId, itemId);
  }
}
