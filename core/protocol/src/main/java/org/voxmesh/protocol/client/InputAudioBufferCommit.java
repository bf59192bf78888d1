package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code input_audio_buffer.commit}: no payload. */
public record InputAudioBufferCommit(@JsonInclude(JsonInclude.Include.NON_NULL) String eventId)
    implements ClientEvent {

  @Override
  public void validate() {
    EventIds.check(eventId);
  }

  @Override
  public <R> R accept(ClientEventVisitor<R> visitor) { return visitor.inputAudioBufferCommit(this); }
}
