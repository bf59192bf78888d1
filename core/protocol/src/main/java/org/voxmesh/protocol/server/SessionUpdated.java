package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.session.SessionConfig;

/**
 * {@code session.updated}: the full effective config after a {@code session.update}.
 */
public record SessionUpdated(String eventId, SessionConfig session) implements ServerEvent {

  public static SessionUpdated of(SessionConfig session) {
    return new SessionUpdated(Ids.eventId(), session);
  }
}
