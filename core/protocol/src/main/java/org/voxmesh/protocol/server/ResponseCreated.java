package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.response.Response;

/**
 * {@code response.created}: the first event of every response ({@code status:"in_progress"}, {@code output: []},
 * {@code usage: null}). Every {@code response.created} must be followed by exactly one {@code response.done}.
 */
public record ResponseCreated(String eventId, Response response) implements ServerEvent {

  public ResponseCreated {
    requireNonNull(response, "response");
  }

  public static ResponseCreated of(Response response) {
    return new ResponseCreated(Ids.eventId(), response);
  }
}
