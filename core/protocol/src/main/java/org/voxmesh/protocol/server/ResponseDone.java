package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.response.Response;

/**
 * {@code response.done}: always the last event of a response, whatever the outcome (completed, cancelled,
 * failed, incomplete), with the output items (no audio bytes) and the usage.
 */
public record ResponseDone(String eventId, Response response) implements ServerEvent {

  public ResponseDone {
    requireNonNull(response, "response");
  }

  public static ResponseDone of(Response response) {
    return new ResponseDone(Ids.eventId(), response);
  }
}
