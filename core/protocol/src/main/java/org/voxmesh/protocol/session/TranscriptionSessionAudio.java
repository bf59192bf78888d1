package org.voxmesh.protocol.session;

/** {@code audio} of a transcription session: input only. */
public record TranscriptionSessionAudio(AudioInput input) {

  public TranscriptionSessionAudio {
    input = input == null ? AudioInput.defaults() : input;
  }
}
