package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;

/**
 * {@code input_audio_buffer.timeout_triggered}: server_vad {@code idle_timeout_ms} elapsed without
 * speech.
 */
public record InputAudioBufferTimeoutTriggered(
    String eventId,
    long audioStartMs,
    long audioEndMs,
    String itemId) implements ServerEvent {

  public static InputAudioBufferTimeoutTriggered of(long audioStartMs, long audioEndMs, String itemId) {
    return new InputAudioBufferTimeoutTriggered(Ids.eventId(), audioStartMs, audioEndMs, itemId);
  }
}
