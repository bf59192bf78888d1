package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.error.RealtimeError;
import org.voxmesh.protocol.id.Ids;

/**
 * {@code error}: emitted instead of the normal reply to the offending client event. All five keys of
 * {@code error} are written ({@code code}, {@code param}, {@code event_id} as {@code null} when unset).
 */
public record ErrorEvent(String eventId, RealtimeError error) implements ServerEvent {

  public ErrorEvent {
    requireNonNull(error, "error");
  }

  public static ErrorEvent of(RealtimeError error) {
    return new ErrorEvent(Ids.eventId(), error);
  }
}
