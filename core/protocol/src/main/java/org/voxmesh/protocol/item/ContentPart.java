package org.voxmesh.protocol.item;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.Validated;
import org.voxmesh.protocol.error.WireEnum;

/**
 * A content part of a message item (REALTIME_PROTOCOL.md §6), GA names. Events that carry items omit raw audio
 * ({@code audio} is null and then not serialised); {@code transcript} of audio parts is always serialised, as
 * {@code null} when unknown (agents-js requires the key).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ContentPart.InputText.class, name = "input_text"),
    @JsonSubTypes.Type(value = ContentPart.InputAudio.class, name = "input_audio"),
    @JsonSubTypes.Type(value = ContentPart.InputImage.class, name = "input_image"),
    @JsonSubTypes.Type(value = ContentPart.OutputText.class, name = "output_text"),
    @JsonSubTypes.Type(value = ContentPart.OutputAudio.class, name = "output_audio")})
public sealed interface ContentPart {

  /** {@code {"type":"input_text","text":...}}. */
  record InputText(String text) implements ContentPart, Validated {
    @Override
    public void validate() {
      Checks.required(text, "text");
    }
  }

  /**
   * {@code {"type":"input_audio","audio"?:base64,"transcript":string|null}}. Audio bytes are in the session's
   * input format; treat the array as read-only.
   */
  record InputAudio(@JsonInclude(JsonInclude.Include.NON_NULL) byte[] audio,
                    @JsonInclude(JsonInclude.Include.ALWAYS) String transcript) implements ContentPart {

    /** A part without audio bytes, as carried by item events. */
    public InputAudio withoutAudio() { return new InputAudio(null, transcript); }
  }

  /** {@code {"type":"input_image","image_url":"data:...","detail"?:...}}. */
  record InputImage(String imageUrl, @JsonInclude(JsonInclude.Include.NON_NULL) ImageDetail detail)
      implements ContentPart, Validated {
    @Override
    public void validate() {
      Checks.required(imageUrl, "image_url");
    }
  }

  /** {@code {"type":"output_text","text":...}}. */
  record OutputText(String text) implements ContentPart, Validated {
    @Override
    public void validate() {
      Checks.required(text, "text");
    }
  }

  /** {@code {"type":"output_audio","audio"?:base64,"transcript":...}}. */
  record OutputAudio(@JsonInclude(JsonInclude.Include.NON_NULL) byte[] audio,
                     @JsonInclude(JsonInclude.Include.ALWAYS) String transcript) implements ContentPart {

    /** A part without audio bytes, as carried by item events. */
    public OutputAudio withoutAudio() { return new OutputAudio(null, transcript); }
  }

  /** {@code detail} of an input image. */
  enum ImageDetail implements WireEnum {
    AUTO("auto"), LOW("low"), HIGH("high");

    private final String wire;

    ImageDetail(String wire) { this.wire = wire; }

    @JsonValue
    @Override
    public String wire() { return wire; }
  }
}
