package org.voxmesh.speech.tts;

/** The engine has no free capacity right now; retrying later may succeed. */
public final class SynthesizerOverloadedException extends RuntimeException {
  public SynthesizerOverloadedException(String message) {
    super(message);
  }
}
