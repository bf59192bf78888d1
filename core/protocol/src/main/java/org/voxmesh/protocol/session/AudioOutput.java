package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.voxmesh.protocol.error.Checks;
import org.voxmesh.protocol.error.Validated;

/** {@code audio.output}: format (PCM 24 kHz), voice ({@code alloy}) and speed 0.25..1.5 (1.0). */
@JsonPropertyOrder({"format", "voice", "speed"})
public record AudioOutput(AudioFormatSpec format, Voice voice, Double speed) implements Validated {

  public static final double MIN_SPEED = 0.25;
  public static final double MAX_SPEED = 1.5;

  public AudioOutput {
    format = format == null ? AudioFormatSpec.PCM_24K : format;
    voice = voice == null ? Voice.ALLOY : voice;
    speed = speed == null ? 1.0 : speed;
  }

  @Override
  public void validate() {
    Checks.range(speed, MIN_SPEED, MAX_SPEED, "speed");
  }

  public static AudioOutput defaults() {
    return new AudioOutput(null, null, null);
  }
}
