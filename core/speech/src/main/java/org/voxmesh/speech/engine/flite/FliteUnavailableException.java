package org.voxmesh.speech.engine.flite;

/**
 * The Flite native library or one of its voices is missing or unusable. The message names the
 * Debian package ({@code libflite1}) and the fix.
 */
public final class FliteUnavailableException extends IllegalStateException {
  public FliteUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public FliteUnavailableException(String message) {
    super(message);
  }
}
