package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;

/**
 * {@code input_audio_buffer.speech_started}: {@code audio_start_ms} counts from the start of all
 * appended audio (prefix padding included); {@code item_id} is the id the user item will get.
 */
public record InputAudioBufferSpeechStarted(String eventId, long audioStartMs, String itemId) implements ServerEvent {

  public static InputAudioBufferSpeechStarted of(long audioStartMs, String itemId) {
    return new InputAudioBufferSpeechStarted(Ids.eventId(), audioStartMs, itemId);
  }
}
