package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;

/** {@code output_audio_buffer.cleared} (WebRTC/SIP only): unplayed audio of a response was dropped (barge-in or {@code output_audio_buffer.clear}). */
public record OutputAudioBufferCleared(String eventId, String responseId) implements ServerEvent {

  public static OutputAudioBufferCleared of(String responseId) {
    return new OutputAudioBufferCleared(Ids.eventId(), responseId);
  }
}
