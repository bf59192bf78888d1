package org.voxmesh.protocol.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.voxmesh.protocol.error.Checks;

/**
 * {@code session.update}. The {@code session} object is a partial patch: it is validated and merged against the
 * current config by {@code org.voxmesh.protocol.session.SessionUpdates.apply}, which knows the session's type and
 * state. Treat the node as read-only.
 */
public record SessionUpdate(@JsonInclude(JsonInclude.Include.NON_NULL) String eventId, ObjectNode session)
    implements ClientEvent {

  @Override
  public void validate() {
    EventIds.check(eventId);
    Checks.required(session, "session");
  }

  /** {@code session.type} when it is a string, else null. */
  public String sessionType() {
    JsonNode type = session == null ? null : session.get("type");
    return type != null && type.isTextual() ? type.textValue() : null;
  }

  @Override
  public <R> R accept(ClientEventVisitor<R> visitor) { return visitor.sessionUpdate(this); }
}
