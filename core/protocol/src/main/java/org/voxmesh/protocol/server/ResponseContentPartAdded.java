package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;
import org.voxmesh.protocol.response.ResponsePart;

/**
 * {@code response.content_part.added}: a content part starts: {@code {"type":"audio","transcript":""}} or {@code {"type":"text","text":""}} ({@code text}/{@code audio} in both dialects, not the item part names).
 */
public record ResponseContentPartAdded(String eventId, String responseId, String itemId, int outputIndex,
                                        int contentIndex, ResponsePart part) implements ServerEvent {

  public ResponseContentPartAdded {
    requireNonNull(part, "part");
  }

  public static ResponseContentPartAdded of(String responseId, String itemId, int outputIndex, int contentIndex,
                                            ResponsePart part) {
    return new ResponseContentPartAdded(Ids.eventId(), responseId, itemId, outputIndex, contentIndex, part);
  }
}
