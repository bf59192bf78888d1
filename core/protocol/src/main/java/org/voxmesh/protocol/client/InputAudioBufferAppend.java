package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.ProtocolErrors;

/**
 * {@code input_audio_buffer.append}. The base64 {@code audio} arrives decoded; bytes are in the session's input
 * format. At most 15 MiB per event. Treat the array as read-only.
 */
public record InputAudioBufferAppend(@JsonInclude(JsonInclude.Include.NON_NULL) String eventId, byte[] audio)
    implements ClientEvent {

  /** Largest decoded payload of one append (§11.3). */
  public static final int MAX_AUDIO_BYTES = 15 * 1024 * 1024;

  @Override
  public void validate() {
    EventIds.check(eventId);
    Checks.required(audio, "audio");
    if (audio.length > MAX_AUDIO_BYTES) {
      throw ProtocolErrors.stringTooLong("audio", base64Length(MAX_AUDIO_BYTES), base64Length(audio.length));
    }
  }

  private static long base64Length(long bytes) {
    return 4 * ((bytes + 2) / 3);
  }

  @Override
  public <R> R accept(ClientEventVisitor<R> visitor) { return visitor.inputAudioBufferAppend(this); }
}
