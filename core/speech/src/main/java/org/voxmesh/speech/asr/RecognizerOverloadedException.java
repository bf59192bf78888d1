package org.voxmesh.speech.asr;

/** The engine has no free capacity right now; retrying later may succeed. */
public final class RecognizerOverloadedException extends RuntimeException {
  public RecognizerOverloadedException(String message) {
    super(message);
  }
}
