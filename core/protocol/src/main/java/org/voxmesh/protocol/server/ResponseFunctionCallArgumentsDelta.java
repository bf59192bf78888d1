package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;

/** {@code response.function_call_arguments.delta}: streamed JSON text of a function call's arguments. */
public record ResponseFunctionCallArgumentsDelta(String eventId, String responseId, String itemId, int outputIndex,
                                                 String callId, String delta) implements ServerEvent {

  public ResponseFunctionCallArgumentsDelta {
    requireNonNull(delta, "delta");
  }

  public static ResponseFunctionCallArgumentsDelta of(String responseId, String itemId, int outputIndex,
                                                      String callId, String delta) {
    return new ResponseFunctionCallArgumentsDelta(Ids.eventId(), responseId, itemId, outputIndex, callId, delta);
  }
}
