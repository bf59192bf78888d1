package org.voxmesh.protocol.session;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code audio} of a realtime session; missing halves take their defaults. */
@JsonPropertyOrder({"input", "output"})
public record SessionAudio(AudioInput input, AudioOutput output) {

  public SessionAudio {
    input = input == null ? AudioInput.defaults() : input;
    output = output == null ? AudioOutput.defaults() : output;
  }

  public static SessionAudio defaults() {
    return new SessionAudio(null, null);
  }
}
