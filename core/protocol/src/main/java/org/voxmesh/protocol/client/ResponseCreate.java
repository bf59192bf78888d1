package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code response.create}; {@code response} (overrides for this response only) may be null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseCreate(String eventId, ResponseCreateParams response) implements ClientEvent {

  @Override
  public void validate() {
    EventIds.check(eventId);
  }

  @Override
  public <R> R accept(ClientEventVisitor<R> visitor) { return visitor.responseCreate(this); }
}
