package org.voxmesh.protocol.server;

import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.session.SessionConfig;

/**
 * {@code session.created}: the first event of every session, with the full effective config.
 */
public record SessionCreated(String eventId, SessionConfig session) implements ServerEvent {

  public static SessionCreated of(SessionConfig session) {
    return new SessionCreated(Ids.eventId(), session);
  }
}
