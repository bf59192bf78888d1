package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;

/** {@code output_audio_buffer.started} (WebRTC/SIP only): the server began playing a response's audio to the caller. */
public record OutputAudioBufferStarted(String eventId, String responseId) implements ServerEvent {

  public static OutputAudioBufferStarted of(String responseId) {
    return new OutputAudioBufferStarted(Ids.eventId(), responseId);
  }
}
