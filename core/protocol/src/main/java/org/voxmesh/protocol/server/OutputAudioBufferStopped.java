package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;

/** {@code output_audio_buffer.stopped} (WebRTC/SIP only): the output buffer of a response has been played out (after its {@code response.done}). */
public record OutputAudioBufferStopped(String eventId, String responseId) implements ServerEvent {

  public static OutputAudioBufferStopped of(String responseId) {
    return new OutputAudioBufferStopped(Ids.eventId(), responseId);
  }
}
