package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;

/**
 * {@code input_audio_buffer.speech_stopped}: {@code audio_end_ms} includes the silence window.
 */
public record InputAudioBufferSpeechStopped(String eventId, long audioEndMs, String itemId) implements ServerEvent {

  public static InputAudioBufferSpeechStopped of(long audioEndMs, String itemId) {
    return new InputAudioBufferSpeechStopped(Ids.eventId(), audioEndMs, itemId);
  }
}
