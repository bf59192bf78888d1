package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;

/**
 * {@code response.output_audio.done} (beta {@code response.audio.done}): no payload. Always send it, also on
 * cancel and barge-in: agents-js resets its playback tracking on it.
 */
public record ResponseOutputAudioDone(String eventId, String responseId, String itemId, int outputIndex,
                                      int contentIndex) implements ServerEvent {

  public static ResponseOutputAudioDone of(String responseId, String itemId, int outputIndex, int contentIndex) {
    return new ResponseOutputAudioDone(Ids.eventId(), responseId, itemId, outputIndex, contentIndex);
  }
}
