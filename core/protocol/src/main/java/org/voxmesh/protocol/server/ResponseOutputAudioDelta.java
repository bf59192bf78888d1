package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;

/**
 * {@code response.output_audio.delta} (beta {@code response.audio.delta}): {@code delta} is a chunk of audio in
 * the response's output format, written as base64 (standard alphabet, padded). WebSocket only: over WebRTC/SIP
 * the audio goes over RTP. Treat the array as read-only.
 */
public record ResponseOutputAudioDelta(String eventId, String responseId, String itemId, int outputIndex,
                                       int contentIndex, byte[] delta) implements ServerEvent {

  public ResponseOutputAudioDelta {
    requireNonNull(delta, "delta");
  }

  public static ResponseOutputAudioDelta of(String responseId, String itemId, int outputIndex, int contentIndex,
                                            byte[] delta) {
    return new ResponseOutputAudioDelta(Ids.eventId(), responseId, itemId, outputIndex, contentIndex, delta);
  }
}
