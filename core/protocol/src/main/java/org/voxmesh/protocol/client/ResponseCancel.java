package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code response.cancel}; without {@code response_id} it cancels the default-conversation response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseCancel(String eventId, String responseId) implements ClientEvent {

  @Override
  public void validate() {
    EventIds.check(eventId);
  }

  @Override
  public <R> R accept(ClientEventVisitor<R> visitor) { return visitor.responseCancel(this); }
}
