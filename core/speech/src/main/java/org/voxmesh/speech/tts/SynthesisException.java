package org.voxmesh.speech.tts;

/**
 * Synthesis failed: the engine reported an error, an upstream service answered with an error or
 * could not be reached. Thrown by {@link SynthesisStream#next()}; the stream is over afterwards.
 */
public class SynthesisException extends RuntimeException {
  public SynthesisException(String message) {
    super(message);
  }

  public SynthesisException(String message, Throwable cause) {
    super(message, cause);
  }
}
