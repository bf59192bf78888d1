package org.voxmesh.protocol.response;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * {@code part} of {@code response.content_part.added/done} (REALTIME_PROTOCOL.md §6, §14 item 7): its type is
 * {@code text} or {@code audio} in both dialects, never {@code output_text}/{@code output_audio} (those are the
 * part types inside items). The string is never {@code null} (agents-js's schema accepts a string or no key) and
 * audio parts never carry audio bytes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ResponsePart.Text.class, name = "text"),
    @JsonSubTypes.Type(value = ResponsePart.Audio.class, name = "audio")})
public sealed interface ResponsePart {

  /** {@code {"type":"text","text":...}}; null text is {@code ""}. */
  record Text(String text) implements ResponsePart {
    public Text {
      text = text == null ? "" : text;
    }
  }

  /** {@code {"type":"audio","transcript":...}}; null transcript is {@code ""}. */
  record Audio(String transcript) implements ResponsePart {
    public Audio {
      transcript = transcript == null ? "" : transcript;
    }
  }

  /** The empty text part of {@code response.content_part.added}. */
  static Text text() { return new Text(""); }

  /** The empty audio part of {@code response.content_part.added}. */
  static Audio audio() { return new Audio(""); }
}
