package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;

/**
 * {@code response.function_call_arguments.done}: the full {@code arguments} (a JSON string) and, in GA, the
 * function {@code name} (required by the GA types; the beta shape has no {@code name} and the beta writer drops
 * it).
 */
public record ResponseFunctionCallArgumentsDone(String eventId, String responseId, String itemId, int outputIndex,
                                                String callId, String name, String arguments)
    implements ServerEvent {

  public ResponseFunctionCallArgumentsDone {
    requireNonNull(name, "name");
    requireNonNull(arguments, "arguments");
  }

  public static ResponseFunctionCallArgumentsDone of(String responseId, String itemId, int outputIndex,
                                                     String callId, String name, String arguments) {
    return new ResponseFunctionCallArgumentsDone(Ids.eventId(), responseId, itemId, outputIndex, callId, name,
        arguments);
  }
}
