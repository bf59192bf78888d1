package org.voxmesh.protocol.response;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.voxmesh.protocol.session.AudioFormatSpec;
import org.voxmesh.protocol.session.Voice;

/**
 * {@code audio} of a response: {@code {"output":{"format":{...},"voice":"alloy"}}}. The voice is a plain string
 * here: agents-js's schema declares {@code response.audio.output.voice} a string, so a custom voice is written as
 * its id.
 */
public record ResponseAudio(Output output) {

  public ResponseAudio {
    output = output == null ? new Output(null, null) : output;
  }

  public static ResponseAudio of(AudioFormatSpec format, Voice voice) {
    return new ResponseAudio(new Output(format, voiceName(voice)));
  }

  /** The wire string of a voice: a built-in name, or a custom voice's id. */
  public static String voiceName(Voice voice) {
    if (voice == null) {
      return Voice.ALLOY.name();
    }
    return voice instanceof Voice.Custom custom ? custom.id() : ((Voice.Named) voice).name();
  }

  /** {@code audio.output}: format (PCM 24 kHz by default) and voice ({@code alloy} by default). */
  @JsonPropertyOrder({"format", "voice"})
  public record Output(AudioFormatSpec format, String voice) {
    public Output {
      format = format == null ? AudioFormatSpec.PCM_24K : format;
      voice = voice == null ? Voice.ALLOY.name() : voice;
    }
  }
}
