package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;

/**
 * {@code input_audio_buffer.cleared}.
 */
public record InputAudioBufferCleared(String eventId) implements ServerEvent {

  public static InputAudioBufferCleared of() {
    return new InputAudioBufferCleared(Ids.eventId());
  }
}
