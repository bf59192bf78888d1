package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code output_audio_buffer.clear}: no payload. */
public record OutputAudioBufferClear(@JsonInclude(JsonInclude.Include.NON_NULL) String eventId)
    implements ClientEvent {

  @Override
  public void validate() {
    EventIds.check(eventId);
  }

  @Override
  public <R> R accept(ClientEventVisitor<R> visitor) { return visitor.outputAudioBufferClear(this); }
}
