package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.voxmesh.protocol.id.Ids;

/**
 * {@code response.output_text.delta} (beta {@code response.text.delta}). {@code obfuscation} (random padding) is
 * omitted when null.
 */
public record ResponseOutputTextDelta(String eventId, String responseId, String itemId, int outputIndex,
                                      int contentIndex, String delta,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) String obfuscation)
    implements ServerEvent {

  public ResponseOutputTextDelta {
    requireNonNull(delta, "delta");
  }

  public static ResponseOutputTextDelta of(String responseId, String itemId, int outputIndex, int contentIndex,
                                           String delta) {
    return new ResponseOutputTextDelta(Ids.eventId(), responseId, itemId, outputIndex, contentIndex, delta, null);
  }
}
