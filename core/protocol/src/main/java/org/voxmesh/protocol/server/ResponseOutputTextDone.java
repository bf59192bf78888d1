package org.voxmesh.protocol.server;

import static java.util.Objects.requireNonNull;

import org.voxmesh.protocol.id.Ids;

/** {@code response.output_text.done} (beta {@code response.text.done}): the full text of the part. */
public record ResponseOutputTextDone(String eventId, String responseId, String itemId, int outputIndex,
                                     int contentIndex, String text) implements ServerEvent {

  public ResponseOutputTextDone {
    requireNonNull(text, "text");
  }

  public static ResponseOutputTextDone of(String responseId, String itemId, int outputIndex, int contentIndex,
                                          String text) {
    return new ResponseOutputTextDone(Ids.eventId(), responseId, itemId, outputIndex, contentIndex, text);
  }
}
