package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.response.ResponsePart;

/**
 * {@code response.content_part.done}: the content part is final, with its full text or transcript (never audio bytes).
 */
public record ResponseContentPartDone(String eventId, String responseId, String itemId, int outputIndex,
                                        int contentIndex, ResponsePart part) implements ServerEvent {

  public ResponseContentPartDone {
    requireNonNull(part, "part");
  }

  public static ResponseContentPartDone of(String responseId, String itemId, int outputIndex, int contentIndex,
                                            ResponsePart part) {
    return new ResponseContentPartDone(Ids.eventId(), responseId, itemId, outputIndex, contentIndex, part);
  }
}
